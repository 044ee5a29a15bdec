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
        double a = Math.abs(d);
        String digits;
        int decimalExponent; // position of the decimal point in digits
        String fast = fromJava(a);
        if (fast != null) {
            digits = fast.substring(fast.indexOf(' ') + 1);
            decimalExponent = Integer.parseInt(fast, 0, fast.indexOf(' '), 10);
        } else {
            BigDecimal shortest = shortestRoundTrip(a);
            digits = shortest.unscaledValue().toString();
            int end = digits.length(); // trailing zeros only move the exponent
            while (end > 1 && digits.charAt(end - 1) == '0') {
                end--;
            }
            decimalExponent = digits.length() - shortest.scale();
            digits = digits.substring(0, end);
        }
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

    /**
     * The fast path: Java's digits when they are provably Python's, as "point digits"; else null.
     * Java's form always round-trips but may not be the shortest (JDK-4511638). Python's is the
     * shortest round-tripping digit string, the nearest of those to d when several have that
     * length. The strings that round-trip form an interval around d, so if any shorter one or any
     * other one of the same length round-trips, one of the grid neighbours of Java's digits does:
     * when none of the four does, Java's digits are the only shortest, hence Python's.
     */
    static String fromJava(double a) {
        String j = Double.toString(a);
        int e = j.indexOf('E');
        int mantEnd = e < 0 ? j.length() : e;
        int dot = j.indexOf('.');
        StringBuilder all = new StringBuilder(20).append(j, 0, dot).append(j, dot + 1, mantEnd);
        int point = dot + (e < 0 ? 0 : Integer.parseInt(j, e + 1, j.length(), 10));
        int lead = 0;
        while (lead < all.length() - 1 && all.charAt(lead) == '0') {
            lead++;
        }
        int end = all.length();
        while (end > lead + 1 && all.charAt(end - 1) == '0') {
            end--;
        }
        String digits = all.substring(lead, end);
        point -= lead;
        int n = digits.length();
        if (n <= 15 && a >= Double.MIN_NORMAL) {
            // Distinct decimals of at most 15 digits are distinct normal doubles (DBL_DIG), so no
            // other string of n digits or fewer round-trips: Java's are the only shortest.
            return point + " " + digits;
        }
        if (n > 1) {
            String shorter = digits.substring(0, n - 1);
            if (roundTrips(a, shorter, point) || roundTripsIncremented(a, shorter, point)) {
                return null;
            }
        }
        if (roundTripsIncremented(a, digits, point)) {
            return null;
        }
        char last = digits.charAt(n - 1); // not '0': trailing zeros were stripped
        if (n > 1 || last > '1') {
            String lower = digits.substring(0, n - 1) + (char) (last - 1);
            if (roundTrips(a, lower, point)) {
                return null;
            }
        }
        return point + " " + digits;
    }

    private static boolean roundTrips(double a, String digits, int point) {
        return Double.parseDouble("0." + digits + "E" + point) == a;
    }

    /** Whether digits + 1 in the last place round-trips (a carry may lengthen the digits). */
    private static boolean roundTripsIncremented(double a, String digits, int point) {
        char[] c = digits.toCharArray();
        int i = c.length - 1;
        while (i >= 0 && c[i] == '9') {
            c[i--] = '0';
        }
        if (i < 0) {
            return roundTrips(a, "1" + new String(c), point + 1);
        }
        c[i]++;
        return roundTrips(a, new String(c), point);
    }

    static BigDecimal shortestRoundTrip(double d) {
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
