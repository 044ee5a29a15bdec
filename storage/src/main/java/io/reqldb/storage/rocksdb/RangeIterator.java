package io.reqldb.storage.rocksdb;

import java.util.Arrays;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.Snapshot;

/**
 * A RocksDB iterator confined to [lower, upper) in either direction. The bounds are handed to
 * RocksDB as iterate bounds, so it never reads or seeks past them into the next table or index.
 * Owns its native objects; close it.
 */
final class RangeIterator implements AutoCloseable {
    private final StoreContext ctx;
    private final ReadOptions options;
    private final Slice lower;
    private final Slice upper;
    private final RocksIterator it;
    private final Snapshot ownSnapshot;
    private final boolean descending;
    private final Runnable whenClosed;
    private volatile boolean closed;

    /**
     * @param snapshot      read as of this snapshot, or null
     * @param ownSnapshot   when {@code snapshot} is null, take a snapshot of our own (released on
     *                      close) so that {@link #readOptions()} point reads match the iteration
     * @param whenClosed    run once, after the native objects are freed (a shared snapshot's
     *                      {@link RocksSnapshot#exit}), or null
     */
    RangeIterator(StoreContext ctx, ColumnFamilyHandle family, byte[][] bounds, boolean descending,
                  Snapshot snapshot, boolean ownSnapshot, Runnable whenClosed) {
        ctx.lifecycle().track(this);
        this.ctx = ctx;
        this.descending = descending;
        this.whenClosed = whenClosed;
        this.ownSnapshot = snapshot == null && ownSnapshot ? ctx.db().getSnapshot() : null;
        options = new ReadOptions();
        Snapshot s = snapshot != null ? snapshot : this.ownSnapshot;
        if (s != null) {
            options.setSnapshot(s);
        }
        if (Arrays.compareUnsigned(bounds[0], bounds[1]) >= 0) {
            lower = null;
            upper = null;
            it = null;
            return;
        }
        lower = new Slice(bounds[0]);
        upper = new Slice(bounds[1]);
        options.setIterateLowerBound(lower).setIterateUpperBound(upper);
        it = ctx.db().newIterator(family, options);
        if (descending) {
            it.seekToLast();
        } else {
            it.seekToFirst();
        }
    }

    /** Options for point reads that see the same data as this iterator. */
    ReadOptions readOptions() {
        return options;
    }

    boolean valid() {
        if (closed) {
            ctx.lifecycle().check();
            throw new IllegalStateException("cursor is closed");
        }
        if (it == null) {
            return false;
        }
        if (it.isValid()) {
            return true;
        }
        try {
            it.status();
        } catch (RocksDBException e) {
            throw Rocks.failure("iteration", e);
        }
        return false;
    }

    byte[] key() {
        return it.key();
    }

    byte[] value() {
        return it.value();
    }

    void advance() {
        if (descending) {
            it.prev();
        } else {
            it.next();
        }
    }

    /** Idempotent; the store may close it first when it shuts down. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        ctx.lifecycle().untrack(this);
        if (it != null) {
            it.close();
            lower.close();
            upper.close();
        }
        options.close();
        if (ownSnapshot != null) {
            ctx.db().releaseSnapshot(ownSnapshot);
        }
        if (whenClosed != null) {
            whenClosed.run();
        }
    }
}
