package io.reqldb.tools.format;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * Formats a double exactly as Python's {@code repr(float)} does, which is what the official
 * tools write into data files. Java 17's {@code Double.toString} is not always the shortest
 * round-tripping form and uses another exponent style, so it cannot be used directly.
 */
final class PyFloat {
    /** DBL_DIG: decimals of this many significant digits or fewer are distinct doubles. */
    private static final int MAX_EXACT_DIGITS = 15;
    /** Decimal exponents well inside the normal doubles (about 1e-308 to 1.8e308). */
    private static final int SAFE_EXPONENT = 300;
    private static final int NO_EXPONENT = Integer.MIN_VALUE;

    private PyFloat() {}

    /** Appends Python's repr: the shortest digits that round-trip; fixed notation for exponents -4..15. */
    static void append(AsciiBuffer out, double d) {
        if (Double.isNaN(d)) {
            out.append("NaN");
            return;
        }
        if (Double.isInfinite(d)) {
            out.append(d > 0 ? "Infinity" : "-Infinity");
            return;
        }
        if (d == 0) {
            out.append((1 / d < 0) ? "-0.0" : "0.0");
            return;
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
        appendDigits(out, d < 0, digits.getBytes(StandardCharsets.ISO_8859_1), digits.length(), decimalExponent);
    }

    /**
     * Appends the repr of the double nearest to the JSON number {@code b[start..end)} when the
     * text shows it without computing the double, and returns whether it did. It does when the
     * number has at most 15 significant digits and is far from the ends of the normal range:
     * distinct decimals of at most 15 digits are then distinct doubles (DBL_DIG), so no shorter
     * or other string of as many digits reads as the same double, and the text's own digits are
     * the shortest that round-trip, which repr shows. Most stored numbers are like this, and the
     * dump saves parsing and printing a double for each.
     */
    static boolean appendDecimal(AsciiBuffer out, byte[] b, int start, int end) {
        byte[] digits = new byte[MAX_EXACT_DIGITS];
        int n = 0; // significant digits kept
        int zeros = 0; // zeros after the last one kept, written only if another digit follows
        int point = 0; // where the decimal point falls among the significant digits
        boolean fraction = false;
        boolean anyDigit = false;
        boolean negative = b[start] == '-';
        int i = negative ? start + 1 : start;
        for (; i < end; i++) {
            int c = b[i];
            if (c == '.' && !fraction) {
                fraction = true;
                continue;
            }
            if (c < '0' || c > '9') {
                break;
            }
            anyDigit = true;
            if (c == '0' && n == 0) {
                point -= fraction ? 1 : 0; // a leading zero
                continue;
            }
            point += fraction ? 0 : 1;
            if (c == '0') {
                zeros++;
                continue;
            }
            if (n + zeros >= MAX_EXACT_DIGITS) {
                return false;
            }
            for (; zeros > 0; zeros--) {
                digits[n++] = '0';
            }
            digits[n++] = (byte) c;
        }
        if (!anyDigit) {
            return false;
        }
        if (i < end) {
            int exponent = exponent(b, i, end);
            if (exponent == NO_EXPONENT) {
                return false;
            }
            point += exponent;
        }
        if (n == 0) {
            out.append(negative ? "-0.0" : "0.0");
            return true;
        }
        if (Math.abs(point) >= SAFE_EXPONENT) {
            return false;
        }
        appendDigits(out, negative, digits, n, point);
        return true;
    }

    /**
     * Appends the repr of the double whose decimal digits ({@code digits[0..length)}, the first
     * not zero) are given with {@code point}, the number of them before the decimal point, when
     * they show it as {@link #appendDecimal} would from the same number in text (at most 15
     * significant digits, far from the ends of the range), and returns whether it did.
     */
    static boolean appendFromDigits(AsciiBuffer out, boolean negative, char[] digits, int length, int point) {
        int n = length;
        while (n > 1 && digits[n - 1] == '0') {
            n--; // trailing zeros are not significant
        }
        if (n > MAX_EXACT_DIGITS || Math.abs(point) >= SAFE_EXPONENT) {
            return false;
        }
        byte[] ascii = new byte[n];
        for (int i = 0; i < n; i++) {
            ascii[i] = (byte) digits[i];
        }
        appendDigits(out, negative, ascii, n, point);
        return true;
    }

    /** The exponent {@code e[+-]ddd} (up to three digits) at {@code b[i..end)}, or {@link #NO_EXPONENT}. */
    private static int exponent(byte[] b, int i, int end) {
        if (b[i] != 'e' && b[i] != 'E' || ++i == end) {
            return NO_EXPONENT;
        }
        boolean negative = b[i] == '-';
        if (negative || b[i] == '+') {
            i++;
        }
        if (i == end || end - i > 3) {
            return NO_EXPONENT;
        }
        int value = 0;
        for (; i < end; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return NO_EXPONENT;
            }
            value = value * 10 + b[i] - '0';
        }
        return negative ? -value : value;
    }

    /** Appends {@code 0.<digits> * 10^point} as repr writes it. */
    private static void appendDigits(AsciiBuffer out, boolean negative, byte[] digits, int n, int point) {
        if (negative) {
            out.append('-');
        }
        int exp = point - 1; // scientific exponent of the first digit
        if (exp >= -4 && exp < 16) {
            appendFixed(out, digits, n, point);
        } else {
            out.append((char) digits[0]);
            if (n > 1) {
                out.append('.');
                out.append(digits, 1, n);
            }
            out.append('e').append(exp < 0 ? '-' : '+');
            int absExp = Math.abs(exp);
            if (absExp < 10) {
                out.append('0');
            }
            out.append(Integer.toString(absExp));
        }
    }

    private static void appendFixed(AsciiBuffer out, byte[] digits, int n, int point) {
        if (point <= 0) {
            out.append("0.");
            for (int i = point; i < 0; i++) {
                out.append('0');
            }
            out.append(digits, 0, n);
        } else if (point >= n) {
            out.append(digits, 0, n);
            for (int i = n; i < point; i++) {
                out.append('0');
            }
            out.append(".0");
        } else {
            out.append(digits, 0, point);
            out.append('.');
            out.append(digits, point, n);
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
