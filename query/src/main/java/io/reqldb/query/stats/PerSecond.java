package io.reqldb.query.stats;

import java.util.ArrayDeque;

/**
 * The rate of a growing total, as RethinkDB's {@code *_per_sec} figures: the growth since the
 * newest sample at least a second old (or the oldest one kept), per second. Samples are the totals
 * seen by earlier calls, so the rate covers the time since the previous reading when readings
 * come less often than every second.
 */
public final class PerSecond {
    private static final long SECOND = 1_000_000_000L;
    /** Samples closer than this to the previous one are not kept: a burst of readings keeps a few. */
    private static final long SPACING = SECOND / 10;

    /** {nanoTime, total}, oldest first; the first is the newest at least a second old, if any is. */
    private final ArrayDeque<long[]> samples = new ArrayDeque<>();

    /** The rate of {@code total} now. */
    public double rate(long total) {
        return rate(total, System.nanoTime());
    }

    synchronized double rate(long total, long now) {
        while (samples.size() > 1 && now - secondOldest() >= SECOND) {
            samples.removeFirst();
        }
        long[] base = samples.peekFirst();
        if (samples.isEmpty() || now - samples.peekLast()[0] >= SPACING) {
            samples.addLast(new long[] {now, total});
        }
        if (base == null || now == base[0]) {
            return 0;
        }
        return Math.max(0, total - base[1]) * (double) SECOND / (now - base[0]);
    }

    private long secondOldest() {
        var it = samples.iterator();
        it.next();
        return it.next()[0];
    }
}
