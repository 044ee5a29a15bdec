package io.reqldb.datum;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Grisu2Test {

    /** Grisu2's last digit is not always the closest: these are the texts RethinkDB 2.4 prints. */
    @Test
    void printsRethinkDbsDigitsWhereTheyAreNotTheShortestClosest() {
        assertThat(DatumJson.formatNumber(40007862.917250894)).isEqualTo("40007862.917250897");
    }

    @Test
    void extremesAndLayouts() {
        assertThat(DatumJson.formatNumber(Double.MAX_VALUE)).isEqualTo("1.7976931348623157e308");
        assertThat(DatumJson.formatNumber(Double.MIN_VALUE)).isEqualTo("5e-324");
        assertThat(DatumJson.formatNumber(Double.MIN_NORMAL)).isEqualTo("2.2250738585072014e-308");
        assertThat(DatumJson.formatNumber(-2.5e-7)).isEqualTo("-2.5e-7");
        assertThat(DatumJson.formatNumber(123456789012345680000.0)).isEqualTo("123456789012345680000.0");
    }

    /** Whatever the digits, they read back to the very same double. */
    @Test
    void everyTextReadsBackToItsDouble() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 50_000; i++) {
            double v = Double.longBitsToDouble(random.nextLong());
            if (!Double.isFinite(v)) {
                continue;
            }
            assertThat(Double.parseDouble(DatumJson.formatNumber(v))).isEqualTo(v);
            double small = random.nextDouble() * Math.pow(10, random.nextInt(-12, 12));
            assertThat(Double.parseDouble(DatumJson.formatNumber(small))).isEqualTo(small);
        }
    }
}
