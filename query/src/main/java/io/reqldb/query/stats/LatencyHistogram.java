package io.reqldb.query.stats;

import java.util.concurrent.atomic.LongAdder;

/** How long queries took to get their first answer, in Prometheus-style cumulative buckets of seconds. */
public final class LatencyHistogram {
    /** Upper bounds of the buckets, in seconds: half a millisecond to ten seconds. */
    public static final double[] BOUNDS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final LongAdder[] buckets = new LongAdder[BOUNDS.length + 1];
    private final LongAdder sumNanos = new LongAdder();

    public LatencyHistogram() {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    public void record(long nanos) {
        double seconds = nanos / 1e9;
        int i = 0;
        while (i < BOUNDS.length && seconds > BOUNDS[i]) {
            i++;
        }
        buckets[i].increment();
        sumNanos.add(nanos);
    }

    /** For each bound, then +Inf: how many took at most that long. */
    public long[] cumulativeCounts() {
        long[] out = new long[buckets.length];
        long running = 0;
        for (int i = 0; i < buckets.length; i++) {
            running += buckets[i].sum();
            out[i] = running;
        }
        return out;
    }

    public double sumSeconds() {
        return sumNanos.sum() / 1e9;
    }
}
