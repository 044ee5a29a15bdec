package io.reqldb.storage.rocksdb;

import java.util.Arrays;
import java.util.function.Supplier;
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
    private final ColumnFamilyHandle family;
    private RocksIterator it;
    private final Snapshot ownSnapshot;
    private final boolean descending;
    private final Runnable whenClosed;
    private volatile boolean closed;
    private byte[] lastKeyRead;
    /** The key of the entry the owner consumed last (null before the first); null: cannot resume. */
    private Supplier<byte[]> consumedLast;

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
        this.family = family;
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
        seekAfter(null);
    }

    /**
     * Lets {@link #valid} get past a block cache too full of pinned blocks to take the next one:
     * with RocksDB's strict limit that read fails, so the iterator is reopened to read around the
     * cache, just after the entry the owner consumed last. Reopened, it no longer reads from the
     * owner's snapshot if it had none of its own: like RethinkDB's, such scans are not
     * point-in-time reads anyway.
     *
     * @param consumedLast the key of the entry the owner consumed last, null before the first
     */
    RangeIterator resumableAfter(Supplier<byte[]> consumedLast) {
        this.consumedLast = consumedLast;
        return this;
    }

    /** {@link #resumableAfter} for owners that read the {@link #key} of every entry they consume. */
    RangeIterator resumableByKeys() {
        return resumableAfter(() -> lastKeyRead);
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
            if (consumedLast == null || !Rocks.cacheFull(e) || !options.fillCache()) {
                throw Rocks.failure("iteration", e);
            }
            it.close();
            it = ctx.db().newIterator(family, options.setFillCache(false));
            seekAfter(consumedLast.get());
            return valid();
        }
        return false;
    }

    /** Positions on the first entry past {@code key} in this iterator's direction, or the first of all. */
    private void seekAfter(byte[] key) {
        if (key == null) {
            if (descending) {
                it.seekToLast();
            } else {
                it.seekToFirst();
            }
            return;
        }
        if (descending) {
            it.seekForPrev(key);
        } else {
            it.seek(key);
        }
        if (it.isValid() && Arrays.equals(it.key(), key)) {
            advance();
        }
    }

    byte[] key() {
        lastKeyRead = it.key();
        return lastKeyRead;
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
