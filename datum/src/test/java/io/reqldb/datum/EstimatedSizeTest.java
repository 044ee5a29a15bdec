package io.reqldb.datum;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link EstimatedSize#held}: what a value holds in memory, parts it shares counted once. */
class EstimatedSizeTest {
    private static final StringDatum LONG = new StringDatum("x".repeat(10_000));

    @Test
    void aPartHeldManyTimesByOneArrayCountsOnce() {
        long once = EstimatedSize.held(ArrayDatum.of(LONG));
        // Two more references to it, not two more copies of its 10,000 characters.
        assertThat(EstimatedSize.held(ArrayDatum.of(LONG, LONG, LONG))).isBetween(once, once + 64);
        assertThat(EstimatedSize.held(ArrayDatum.of(LONG, new StringDatum("x".repeat(10_000)))))
                .as("an equal string that is another value").isGreaterThan(2 * LONG.value().length());
    }

    @Test
    void anArrayDoubledAtEveryStepHoldsLittle() {
        Datum acc = ArrayDatum.of(NumberDatum.of(1));
        for (int i = 0; i < 60; i++) {
            acc = ArrayDatum.of(acc, acc);
        }
        // 60 arrays of two references, not 2^60 leaves.
        assertThat(EstimatedSize.held(acc)).isLessThan(10_000);
    }

    @Test
    void aValueBuiltStepByStepIsMeasuredAtEveryStep() {
        // A fold that nests [acc, x] 200,000 deep and checks its accumulator at every step: deeper
        // than the stack allows, and each step adds to what the previous one measured.
        Datum acc = ArrayDatum.EMPTY;
        long previous = EstimatedSize.held(acc);
        for (int i = 0; i < 200_000; i++) {
            acc = ArrayDatum.of(acc, new StringDatum("s" + i));
            long now = EstimatedSize.held(acc);
            assertThat(now).isGreaterThan(previous);
            previous = now;
        }
        assertThat(previous).isGreaterThan(200_000L * 6);
    }
}
