package io.reqldb.tools.format;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats a double exactly as Python's {@code repr(float)} does, which is what the official
 * tools write into data files. Java 17's {@code Double.toString} is not always the shortest
 * round-tripping form and uses another exponent style, so it cannot be used directly.
 */
final class PyFloat {
    private PyFloat() {}

    /** Python repr: shortest digits that round-trip; fixed notation for exponents -4..15. */
    static String repr(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortestRoundTrip(d);
        String digits = shortest.unscaledValue().abs().toString();
        // Strip trailing zeros of the digit string; they only move the exponent.
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        int decimalExponent = digits.length() - shortest.scale(); // position of the decimal point
        digits = digits.substring(0, end);
        StringBuilder out = new StringBuilder(24);
        if (d < 0) {
            out.append('-');
        }
        int exp = decimalExponent - 1; // scientific exponent of the first digit
        if (exp >= -4 && exp < 16) {
            appendFixed(out, digits, decimalExponent);
        } else {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append('e').append(exp < 0 ? '-' : '+');
            int absExp = Math.abs(exp);
            if (absExp < 10) {
                out.append('0');
            }
            out.append(absExp);
        }
        return out.toString();
    }

    private static void appendFixed(StringBuilder out, String digits, int point) {
        if (point <= 0) {
            out.append("0.");
            out.append("0".repeat(-point)).append(digits);
        } else if (point >= digits.length()) {
            out.append(digits).append("0".repeat(point - digits.length())).append(".0");
        } else {
            out.append(digits, 0, point).append('.').append(digits, point, digits.length());
        }
    }

    private static BigDecimal shortestRoundTrip(double d) {
        BigDecimal exact = new BigDecimal(d);
        for (int precision = 1; precision < 17; precision++) {
            BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == d) {
                return candidate;
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    }
}
