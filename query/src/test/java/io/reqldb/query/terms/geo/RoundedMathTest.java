package io.reqldb.query.terms.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Each result must be the double nearest the exact value, checked against 60-digit arithmetic. */
class RoundedMathTest {
    private static final MathContext MC = new MathContext(60);

    @Test
    void sinAndCosAreTheNearestDoubles() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 400; i++) {
            double x = random.nextDouble(-7, 7);
            assertNearest(RoundedMath.sin(x), sin(new BigDecimal(x)));
            assertNearest(RoundedMath.cos(x), cos(new BigDecimal(x)));
        }
        assertThat(RoundedMath.sin(-0.0)).isEqualTo(-0.0);
        assertThat(RoundedMath.cos(0.0)).isEqualTo(1.0);
    }

    /** atan2's result t is right when the exact angle lies between t's two rounding midpoints. */
    @Test
    void atan2IsTheNearestDouble() {
        SplittableRandom random = new SplittableRandom(12);
        for (int i = 0; i < 400; i++) {
            double y = random.nextDouble(-1, 1);
            double x = random.nextDouble(-7, 7);
            double t = RoundedMath.atan2(y, x);
            BigDecimal half = new BigDecimal(Math.ulp(t)).divide(BigDecimal.valueOf(2));
            BigDecimal below = new BigDecimal(t).subtract(half);
            BigDecimal above = new BigDecimal(t).add(half);
            // y cos(theta) - x sin(theta) = r sin(angle - theta): positive below the angle, negative above.
            assertThat(side(y, x, below).signum()).as("atan2(%s, %s)", y, x).isGreaterThanOrEqualTo(0);
            assertThat(side(y, x, above).signum()).as("atan2(%s, %s)", y, x).isLessThanOrEqualTo(0);
        }
        // A case within 1% of an ulp from a midpoint, where a C library of today rounds the other way.
        assertThat(RoundedMath.atan2(0.5954208604970113, 3.156610885707946)).isEqualTo(0.1864360905980467);
        assertThat(RoundedMath.atan2(0.0, -1.0)).isEqualTo(Math.PI);
    }

    private static BigDecimal side(double y, double x, BigDecimal theta) {
        return new BigDecimal(y).multiply(cos(theta), MC).subtract(new BigDecimal(x).multiply(sin(theta), MC), MC);
    }

    private static void assertNearest(double actual, BigDecimal exact) {
        BigDecimal error = new BigDecimal(actual).subtract(exact).abs();
        BigDecimal halfUlp = new BigDecimal(Math.ulp(actual)).divide(BigDecimal.valueOf(2));
        assertThat(error).as("%s vs %s", actual, exact).isLessThanOrEqualTo(halfUlp);
    }

    private static BigDecimal sin(BigDecimal x) {
        return series(x, x, 1);
    }

    private static BigDecimal cos(BigDecimal x) {
        return series(x, BigDecimal.ONE, 0);
    }

    /** Taylor series from the first term; each next term is the last times -x^2/((n+1)(n+2)). */
    private static BigDecimal series(BigDecimal x, BigDecimal first, int n) {
        BigDecimal x2 = x.multiply(x, MC).negate();
        BigDecimal term = first;
        BigDecimal sum = first;
        for (int k = n; term.abs().compareTo(new BigDecimal("1e-50")) > 0; k += 2) {
            term = term.multiply(x2, MC).divide(BigDecimal.valueOf((long) (k + 1) * (k + 2)), MC);
            sum = sum.add(term, MC);
        }
        return sum;
    }
}
