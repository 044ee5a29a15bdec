package io.reqldb.tools.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PyFloatTest {
    @Test
    void repr_matchesPython() {
        // Expected texts are what CPython 3 prints for repr(x).
        assertThat(PyFloat.repr(0.1)).isEqualTo("0.1");
        assertThat(PyFloat.repr(1.5)).isEqualTo("1.5");
        assertThat(PyFloat.repr(-0.0)).isEqualTo("-0.0");
        assertThat(PyFloat.repr(100.0)).isEqualTo("100.0");
        assertThat(PyFloat.repr(1e16)).isEqualTo("1e+16");
        assertThat(PyFloat.repr(1234567890123456.0)).isEqualTo("1234567890123456.0");
        assertThat(PyFloat.repr(1e20)).isEqualTo("1e+20");
        assertThat(PyFloat.repr(0.0001)).isEqualTo("0.0001");
        assertThat(PyFloat.repr(0.00001)).isEqualTo("1e-05");
        assertThat(PyFloat.repr(1.5e-7)).isEqualTo("1.5e-07");
        assertThat(PyFloat.repr(5e-324)).isEqualTo("5e-324");
        assertThat(PyFloat.repr(1.7976931348623157e308)).isEqualTo("1.7976931348623157e+308");
        assertThat(PyFloat.repr(2e23)).isEqualTo("2e+23");
        assertThat(PyFloat.repr(123456789012345678.0)).isEqualTo("1.2345678901234568e+17");
    }

    @Test
    void escape_nonAsciiAndControls() {
        assertThat(PyJson.encode("é\u00e9\u007f\u0001\t\"\\/😀"))
                .isEqualTo("\"\\u00e9\\u00e9\\u007f\\u0001\\t\\\"\\\\/\\ud83d\\ude00\"");
    }

    @Test
    void fastPath_agreesWithTheExactShortestDigits() {
        java.util.Random random = new java.util.Random(7);
        int fast = 0;
        for (int i = 0; i < 200_000; i++) {
            double d = switch (i % 4) {
                case 0 -> Double.longBitsToDouble(random.nextLong() & Long.MAX_VALUE);
                case 1 -> Math.round(random.nextDouble() * 1e7) / 100.0;
                case 2 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
                default -> random.nextInt(1_000_000) * Math.pow(10, random.nextInt(30) - 15);
            };
            if (!(d > 0) || Double.isInfinite(d)) {
                continue;
            }
            String got = PyFloat.fromJava(d);
            if (got == null) {
                continue;
            }
            fast++;
            java.math.BigDecimal exact = PyFloat.shortestRoundTrip(d).stripTrailingZeros();
            String digits = exact.unscaledValue().toString();
            int point = digits.length() - exact.scale();
            assertThat(got).as("%s", d).isEqualTo(point + " " + digits);
        }
        assertThat(fast).isGreaterThan(100_000);
    }
}
