package io.reqldb.query.terms.geo;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * {@code sin}, {@code cos} and {@code atan2} rounded correctly (to the double nearest the exact
 * value), as the C library RethinkDB runs on computes them. Java's {@code Math} and
 * {@code StrictMath} are only within one ulp, and one ulp in an intermediate step of a geodesic
 * changes the last digits RethinkDB's users see in every distance and circle.
 *
 * <p>Each value is computed in double-double arithmetic (about 106 bits) and rounded once; that
 * rounding is wrong only where the exact value lies within 2^-100 or so of a midpoint between two
 * doubles. Arguments are reduced exactly enough for |x| below {@value #REDUCTION_LIMIT}, which
 * covers every angle a geodesic computes (all within a few radians); larger arguments fall back
 * to {@link StrictMath}.
 */
final class RoundedMath {
    private static final double REDUCTION_LIMIT = 1 << 20;
    private static final MathContext PRECISION = new MathContext(60);
    private static final BigDecimal HALF_PI = new BigDecimal(
            "1.57079632679489661923132169163975144209858469968755291048747229615390820314310449931401741267");
    /** pi/2 as the sum of three doubles, each exact in a product with a reduction multiple. */
    private static final double HALF_PI_1;
    private static final double HALF_PI_2;
    private static final double HALF_PI_3;
    /** 1/n! as double-double pairs, n = 0..TERMS*2+1. */
    private static final int TERMS = 16;
    private static final double[] INV_FACT_HI = new double[2 * TERMS + 2];
    private static final double[] INV_FACT_LO = new double[2 * TERMS + 2];

    static {
        HALF_PI_1 = HALF_PI.doubleValue();
        BigDecimal rest = HALF_PI.subtract(new BigDecimal(HALF_PI_1));
        HALF_PI_2 = rest.doubleValue();
        HALF_PI_3 = rest.subtract(new BigDecimal(HALF_PI_2)).doubleValue();
        BigDecimal fact = BigDecimal.ONE;
        for (int n = 0; n < INV_FACT_HI.length; n++) {
            if (n > 0) {
                fact = fact.multiply(BigDecimal.valueOf(n));
            }
            BigDecimal inv = BigDecimal.ONE.divide(fact, PRECISION);
            INV_FACT_HI[n] = inv.doubleValue();
            INV_FACT_LO[n] = inv.subtract(new BigDecimal(INV_FACT_HI[n])).doubleValue();
        }
    }

    private RoundedMath() {
    }

    static double sin(double x) {
        if (!(Math.abs(x) < REDUCTION_LIMIT)) {
            return StrictMath.sin(x);
        }
        if (x == 0) {
            return x;
        }
        return sinCos(x)[0];
    }

    static double cos(double x) {
        if (!(Math.abs(x) < REDUCTION_LIMIT)) {
            return StrictMath.cos(x);
        }
        return sinCos(x)[2];
    }

    /**
     * atan2 from a first estimate within an ulp, then one Newton step in double-double:
     * the angle a + atan((y cos a - x sin a) / (x cos a + y sin a)), where the correction is so
     * small that its first-order term is exact to far beyond a double.
     */
    static double atan2(double y, double x) {
        double a = StrictMath.atan2(y, x);
        if (y == 0 || x == 0 || !Double.isFinite(a) || !Double.isFinite(x) || !Double.isFinite(y)
                || Math.abs(a) >= REDUCTION_LIMIT) {
            return a; // exact cases (signed zeros, ±pi, ±pi/2) and non-finite input
        }
        double scale = Math.max(Math.abs(x), Math.abs(y));
        int exponent = Math.getExponent(scale);
        double xs = Math.scalb(x, -exponent);   // scaling by a power of two keeps the ratio exact
        double ys = Math.scalb(y, -exponent);
        double[] sc = sinCos(a);
        double[] ycos = mulDD(ys, sc[2], sc[3]);
        double[] xsin = mulDD(xs, sc[0], sc[1]);
        double[] num = addDD(ycos[0], ycos[1], -xsin[0], -xsin[1]);
        double[] xcos = mulDD(xs, sc[2], sc[3]);
        double[] ysin = mulDD(ys, sc[0], sc[1]);
        double den = xcos[0] + ysin[0];
        return a + (num[0] + num[1]) / den;
    }

    /** {sin hi, sin lo, cos hi, cos lo} of x, with |x| below the reduction limit. */
    private static double[] sinCos(double x) {
        double k = Math.rint(x / HALF_PI_1);
        // r = x - k*pi/2, each product split exactly so that only the last part rounds.
        double p1 = k * HALF_PI_1;
        double e1 = Math.fma(k, HALF_PI_1, -p1);
        double p2 = k * HALF_PI_2;
        double e2 = Math.fma(k, HALF_PI_2, -p2);
        double[] r = addDD(x, 0, -p1, -e1);
        r = addDD(r[0], r[1], -p2, -e2);
        r = addDD(r[0], r[1], -k * HALF_PI_3, 0);
        double[] r2 = mulDD(r[0], r[1], r[0], r[1]);
        // Taylor series of sin and cos on |r| <= pi/4, Horner's scheme in r^2, all in double-double.
        double sh = 0;
        double sl = 0;
        double ch = 0;
        double cl = 0;
        for (int i = TERMS - 1; i >= 0; i--) {
            int sign = (i & 1) == 0 ? 1 : -1;
            double[] s = mulDD(sh, sl, r2[0], r2[1]);
            s = addDD(s[0], s[1], sign * INV_FACT_HI[2 * i + 1], sign * INV_FACT_LO[2 * i + 1]);
            sh = s[0];
            sl = s[1];
            double[] c = mulDD(ch, cl, r2[0], r2[1]);
            c = addDD(c[0], c[1], sign * INV_FACT_HI[2 * i], sign * INV_FACT_LO[2 * i]);
            ch = c[0];
            cl = c[1];
        }
        double[] sin = mulDD(sh, sl, r[0], r[1]);
        double[] cos = {ch, cl};
        // sin and cos of x from those of r and the quadrant k mod 4.
        return switch ((int) (((long) k) & 3)) {
            case 0 -> new double[] {sin[0], sin[1], cos[0], cos[1]};
            case 1 -> new double[] {cos[0], cos[1], -sin[0], -sin[1]};
            case 2 -> new double[] {-sin[0], -sin[1], -cos[0], -cos[1]};
            default -> new double[] {-cos[0], -cos[1], sin[0], sin[1]};
        };
    }

    /** (ah + al) * (bh + bl), normalized. */
    private static double[] mulDD(double ah, double al, double bh, double bl) {
        double p = ah * bh;
        double e = Math.fma(ah, bh, -p) + (ah * bl + al * bh);
        double hi = p + e;
        return new double[] {hi, e - (hi - p)};
    }

    private static double[] mulDD(double a, double bh, double bl) {
        return mulDD(a, 0, bh, bl);
    }

    /** (ah + al) + (bh + bl), normalized, with the exact sum of the high parts. */
    private static double[] addDD(double ah, double al, double bh, double bl) {
        double s = ah + bh;
        double bb = s - ah;
        double err = (ah - (s - bb)) + (bh - bb);
        err += al + bl;
        double hi = s + err;
        return new double[] {hi, err - (hi - s)};
    }
}
