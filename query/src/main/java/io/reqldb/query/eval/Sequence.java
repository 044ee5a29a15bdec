package io.reqldb.query.eval;

import io.reqldb.datum.Datum;
import io.reqldb.query.limits.QueryControl;

/**
 * A lazy, single-use stream of values, read with {@link #next} until it returns Java null.
 * Streams over a table's rows know their table ({@link #table}), which makes them writable
 * selections. Streams that stand for an array ({@link #isArray}) are turned back into arrays by
 * the terms that transform them, as RethinkDB does.
 */
public abstract class Sequence implements AutoCloseable {
    /** Elements between two looks at the query's cancellation flag: cheap, yet well under a millisecond. */
    private static final int POLL_MASK = 0xFF;
    private int polls;

    /** The next value, or Java null at the end. */
    public abstract Datum next();

    /** The table whose rows these are (a selection), or null. */
    public TableRef table() {
        return null;
    }

    /** True when this stream stands for an array datum. */
    public boolean isArray() {
        return false;
    }

    /**
     * True for streams that never end ({@code r.range()}, changefeeds): aggregations and array
     * conversion refuse them with RethinkDB's error instead of running forever.
     */
    public boolean isInfinite() {
        return false;
    }

    /** True for changefeeds (and streams derived from one), whose terminal error differs from r.range()'s. */
    public boolean isFeed() {
        return false;
    }

    /**
     * Called by sources for each element they produce (arrays, ranges, scans, generators): every
     * loop over a sequence reads from one, so a cancelled query stops wherever it is looping.
     */
    protected final void pollCancellation() {
        if ((++polls & POLL_MASK) == 0) {
            QueryControl.checkCurrent();
        }
    }

    /**
     * This unread stream cut into at most {@code parts} consecutive parts that may be read on
     * different threads, which read one after the other give exactly this stream; or null when
     * it cannot be cut (the default) or is too small to be worth it. After a split, only close
     * this stream. See {@link io.reqldb.query.parallel.PartitionedScan}.
     */
    public java.util.List<Sequence> split(int parts) {
        return null;
    }

    /** Releases storage resources; idempotent. */
    @Override
    public void close() {
    }
}
