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
}
