package io.reqldb.tools.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PyFloatTest {
    @Test
    void repr_matchesPython() {
        // Expected texts are what CPython 3 prints for repr(x).
        assertThat(repr(0.1)).isEqualTo("0.1");
        assertThat(repr(1.5)).isEqualTo("1.5");
        assertThat(repr(-0.0)).isEqualTo("-0.0");
        assertThat(repr(100.0)).isEqualTo("100.0");
        assertThat(repr(1e16)).isEqualTo("1e+16");
        assertThat(repr(1234567890123456.0)).isEqualTo("1234567890123456.0");
        assertThat(repr(1e20)).isEqualTo("1e+20");
        assertThat(repr(0.0001)).isEqualTo("0.0001");
        assertThat(repr(0.00001)).isEqualTo("1e-05");
        assertThat(repr(1.5e-7)).isEqualTo("1.5e-07");
        assertThat(repr(5e-324)).isEqualTo("5e-324");
        assertThat(repr(1.7976931348623157e308)).isEqualTo("1.7976931348623157e+308");
        assertThat(repr(2e23)).isEqualTo("2e+23");
        assertThat(repr(123456789012345678.0)).isEqualTo("1.2345678901234568e+17");
    }

    private static String repr(double d) {
        AsciiBuffer out = new AsciiBuffer(32);
        PyFloat.append(out, d);
        return out.toString();
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

    @ParameterizedTest
    @ValueSource(strings = {
        "707.71", "-707.71", "0.0", "-0.0", "0e5", "-0.000e-3", "1.0", "100.0", "100.5", "0.05", "1.50", "1e5", "1E+22",
        "1e15", "1e16", "1.5e-7", "0.0001", "0.00001", "123456789012345", "0.000123456789012345e10", "1.", "00.5",
        "9.99999999999999e298", "1e-300",
    })
    void decimalTexts_giveTheReprOfTheirDouble(String text) {
        AsciiBuffer out = new AsciiBuffer(8);
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(PyFloat.appendDecimal(out, bytes, 0, bytes.length)).isTrue();
        assertThat(out.toString()).isEqualTo(repr(Double.parseDouble(text)));
    }

    /** More than 15 digits, an exponent near the ends of the doubles, or not a number: left to the double's repr. */
    @ParameterizedTest
    @ValueSource(strings = {
        "1234567890123456.0", "1.2345678901234567", "9.99999999999999e299", "1e-301", "5e-324",
        "1.7976931348623157e308",
        "1e400", "1e1234", "1e", "1e+", "1.2.3", "-", "-.", "1-2", "1e5.0",
    })
    void otherTexts_areDeclined(String text) {
        AsciiBuffer out = new AsciiBuffer(8);
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(PyFloat.appendDecimal(out, bytes, 0, bytes.length)).isFalse();
        assertThat(out.length()).isZero();
    }

    @Test
    void decimalTexts_ofRandomDigitsAndExponents_giveTheReprOfTheirDouble() {
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 100_000; i++) {
            StringBuilder text = new StringBuilder(random.nextBoolean() ? "-" : "");
            int whole = random.nextInt(8);
            text.append(whole == 0 ? "0" : Long.toString(random.nextLong() & Long.MAX_VALUE).substring(0, whole));
            if (random.nextBoolean()) {
                text.append('.').append("0".repeat(random.nextInt(4)));
                text.append(Long.toString(random.nextLong() & Long.MAX_VALUE), 0, random.nextInt(12));
                text.append("0".repeat(random.nextInt(3)));
            }
            if (random.nextBoolean()) {
                text.append(random.nextBoolean() ? 'e' : 'E').append(random.nextBoolean() ? "-" : "+")
                        .append(random.nextInt(310));
            }
            String number = text.toString();
            AsciiBuffer out = new AsciiBuffer(8);
            byte[] bytes = number.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            if (PyFloat.appendDecimal(out, bytes, 0, bytes.length)) {
                assertThat(out.toString()).as(number).isEqualTo(repr(Double.parseDouble(number)));
            }
        }
    }
}
