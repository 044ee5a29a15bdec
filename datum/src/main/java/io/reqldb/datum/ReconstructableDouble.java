package io.reqldb.datum;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A double as C's {@code printf("%.20g")} writes it, RethinkDB's {@code PR_RECONSTRUCTABLE_DOUBLE}:
 * the text of many of its error messages and the number part of its primary key encoding.
 * Twenty significant digits, trailing zeros dropped, exponent notation (two exponent digits at
 * least) below 1e-4 or from 1e20 up.
 */
public final class ReconstructableDouble {
    private static final MathContext TWENTY_DIGITS = new MathContext(20, RoundingMode.HALF_EVEN);

    private ReconstructableDouble() {
    }

    public static String format(double v) {
        if (v == 0) {
            return (1 / v < 0) ? "-0" : "0";
        }
        BigDecimal b = new BigDecimal(v).round(TWENTY_DIGITS);
        int exponent = b.precision() - b.scale() - 1;
        if (exponent < -4 || exponent >= 20) {
            String mantissa = b.movePointLeft(exponent).stripTrailingZeros().toPlainString();
            return mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "")
                    + Math.abs(exponent);
        }
        String s = b.toPlainString();
        if (s.indexOf('.') >= 0) {
            int end = s.length();
            while (s.charAt(end - 1) == '0') {
                end--;
            }
            if (s.charAt(end - 1) == '.') {
                end--;
            }
            s = s.substring(0, end);
        }
        return s;
    }
}
