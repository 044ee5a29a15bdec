package io.reqldb.query.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Rates over about the last second, from the totals earlier readings saw. */
class PerSecondTest {
    private static final long MS = 1_000_000L;

    @Test
    void firstReading_isZero_thenTheGrowthSinceTheReadingASecondAgo() {
        PerSecond rate = new PerSecond();
        assertThat(rate.rate(100, 0)).isZero();
        assertThat(rate.rate(150, 500 * MS)).isCloseTo(100, within(1e-9));
        // Readings every half second: the base is the newest at least a second old.
        assertThat(rate.rate(250, 1000 * MS)).isCloseTo(150, within(1e-9));
        assertThat(rate.rate(300, 1500 * MS)).isCloseTo(150, within(1e-9));
        assertThat(rate.rate(300, 2400 * MS)).isCloseTo(50 / 1.4, within(1e-9));
    }

    @Test
    void rareReadings_averageOverTheTimeSinceThePreviousOne() {
        PerSecond rate = new PerSecond();
        rate.rate(0, 0);
        assertThat(rate.rate(1000, 10_000 * MS)).isCloseTo(100, within(1e-9));
        assertThat(rate.rate(1000, 20_000 * MS)).isZero();
    }

    @Test
    void aBurstOfReadings_keepsTheSecondOldBase() {
        PerSecond rate = new PerSecond();
        rate.rate(0, 0);
        for (int i = 1; i <= 100; i++) {
            rate.rate(i, 1000 * MS + i * MS);
        }
        assertThat(rate.rate(200, 1200 * MS)).isCloseTo(200 / 1.2, within(1e-9));
    }
}
