package io.reqldb.query.feed;

import io.reqldb.datum.Datum;
import io.reqldb.datum.NullDatum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.error.ReqlError;
import io.reqldb.query.error.ReqlOpFailedError;
import io.reqldb.storage.Store;
import io.reqldb.storage.Table;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One subscription: takes committed writes from its table's {@link FeedHub} (on the writers'
 * threads) and hands change objects to one reader.
 *
 * <p>Concurrency: every method of a subclass runs under {@link #lock}. Writers call
 * {@link #onChange}; the reader calls {@link #next}, which waits on a condition (interruptible,
 * and woken by {@link #close} from any thread, so STOP and disconnect free a blocked reader at
 * once). While waiting, the reader checks now and then that the table still exists, and ends the
 * feed with RethinkDB's error when it was dropped.
 */
public abstract class Feed implements AutoCloseable {
    /** How long a waiting reader sleeps before checking that the table still exists. */
    private static final long DROP_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    protected final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    protected final FeedOptions options;
    private final Table table;
    private final Store store;
    private final UUID tableId;
    private FeedHub hub;
    private boolean closed;
    private ReqlError failure;
    /** Squash timer: when set, the current batch's first change is not handed out before {@link #notBefore}. */
    private boolean holding;
    private long notBefore;
    /** The reader sleeps until a change comes: only then do writers wake it (one wake per batch, not per write). */
    private boolean readerWaiting;

    protected Feed(Table table, Store store, FeedOptions options) {
        this.table = table;
        this.options = options;
        UUID id = null;
        Store checked = null;
        try {
            id = table.info().id();
            if (store != null && store.table(id).isPresent()) {
                checked = store;
            }
        } catch (RuntimeException e) {
            // Virtual tables may lack catalog entries: never report those as dropped.
        }
        this.tableId = id;
        this.store = checked;
    }

    /** Subscribes to the table; called once the subclass is ready to receive writes. */
    protected final void start() {
        hub = FeedHub.join(table, this);
    }

    /** Response notes for this feed's kind (1 sequence, 2 atom, 3 order_by.limit). */
    public abstract int feedNote();

    /** Notes the network layer sends with every batch. */
    public final List<Integer> notes() {
        return options.includeStates() ? List.of(feedNote(), 5) : List.of(feedNote());
    }

    public final FeedOptions options() {
        return options;
    }

    // ------------------------------------------------------------------ writer side

    /** Called by the hub after each committed write to the table, in commit order per document. */
    final void onChange(Write write) {
        lock.lock();
        try {
            if (closed || failure != null) {
                return;
            }
            accept(write);
            if (readerWaiting) {
                readerWaiting = false;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Ends the feed with an error its reader will get (under the lock). */
    protected final void fail(ReqlError error) {
        failure = error;
        changed.signalAll();
    }

    /** Records one committed write (under the lock). */
    abstract void accept(Write write);

    /** Hands a write to this feed as storage would (tests). */
    final void onChange(Datum oldVal, Datum newVal) {
        onChange(new Write(oldVal, newVal));
    }

    // ------------------------------------------------------------------ reader side

    /** Something is ready to hand out (under the lock). */
    protected abstract boolean hasElement();

    /** The next item; only called when {@link #hasElement} (under the lock). */
    protected abstract Datum popElement();

    /** Work done by the reader before looking for elements, e.g. a delayed recomputation (under the lock). */
    protected void refresh() {
    }

    /** True when the buffer is so full that a squash timer should stop waiting. */
    protected boolean nearlyFull() {
        return false;
    }

    /** Starts a batch: for {@code squash: N}, later batches first let N seconds of changes gather. */
    public final void beginBatch(boolean first) {
        lock.lock();
        try {
            holding = !first && options.squashSeconds() > 0;
            notBefore = System.nanoTime() + (long) (options.squashSeconds() * 1e9);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next item, waiting until {@code deadline} ({@link System#nanoTime} units, compared
     * overflow-safely since nanoTime may be negative; exactly Long.MAX_VALUE for no limit); Java
     * null once the feed is closed.
     *
     * @throws BatchBoundary when nothing is available by the deadline
     * @throws ReqlError     when the feed failed (table dropped)
     */
    public final Datum next(long deadline) {
        java.util.ArrayDeque<Datum> one = new java.util.ArrayDeque<>(1);
        return drain(deadline, one, 1) < 0 ? null : one.poll();
    }

    /**
     * Moves up to {@code max} items into {@code out} under one lock acquisition, waiting for the
     * first as {@link #next} does, so a busy reader does not contend with writers per item.
     *
     * @return how many were moved, or -1 once the feed is closed
     */
    final int drain(long deadline, java.util.ArrayDeque<Datum> out, int max) {
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
        try {
            while (true) {
                if (closed) {
                    return -1;
                }
                if (failure != null) {
                    throw failure;
                }
                refresh();
                long now = System.nanoTime();
                if (holding && (now - notBefore >= 0 || nearlyFull())) {
                    holding = false;
                }
                if (hasElement() && !holding) {
                    int n = 0;
                    do {
                        out.add(popElement());
                        n++;
                    } while (n < max && hasElement());
                    return n;
                }
                boolean unbounded = deadline == Long.MAX_VALUE;
                if (!unbounded && now - deadline >= 0) {
                    throw BatchBoundary.INSTANCE;
                }
                if (store != null && store.table(tableId).isEmpty()) {
                    failure = new ReqlOpFailedError("Changefeed aborted (unavailable).");
                    continue;
                }
                long wait = unbounded ? DROP_CHECK_NANOS : Math.min(deadline - now, DROP_CHECK_NANOS);
                if (holding) {
                    wait = Math.min(wait, notBefore - now);
                }
                // A bounded wait (the rest of a batch) is not cut short by each write: the
                // reader takes what has come when it wakes, so busy feeds send fuller batches.
                readerWaiting = unbounded;
                changed.awaitNanos(Math.max(wait, 1));
                readerWaiting = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } finally {
            lock.unlock();
        }
    }

    /** Ends the feed (STOP, disconnect, end of query); wakes a waiting reader. Idempotent. */
    @Override
    public final void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            changed.signalAll();
            released();
        } finally {
            lock.unlock();
        }
        if (hub != null) {
            hub.remove(this);
        }
    }

    /** Frees what the subclass holds (cursors, buffers), under the lock. */
    protected void released() {
    }

    public final boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ item formatting

    /** {@code {state: name}}, typed when include_types. */
    protected final Datum stateItem(String state) {
        ObjectDatum o = ObjectDatum.of("state", new StringDatum(state));
        return options.includeTypes() ? with(o, "type", "state") : o;
    }

    /** An initial value: {@code {new_val: v}}. */
    protected final Datum initialItem(Datum value, Integer offset) {
        var m = ObjectDatum.newFieldMap();
        m.put("new_val", value == null ? NullDatum.INSTANCE : value);
        if (offset != null && options.includeOffsets()) {
            m.put("new_offset", NumberDatum.of(offset));
        }
        if (options.includeTypes()) {
            m.put("type", new StringDatum("initial"));
        }
        return ObjectDatum.wrap(m);
    }

    /** A change {@code {old_val, new_val}} (RethinkDB's vals_to_change), with offsets when given. */
    protected final Datum changeItem(Datum oldVal, Datum newVal, Integer oldOffset, Integer newOffset,
                                     boolean offsets) {
        var m = ObjectDatum.newFieldMap();
        m.put("old_val", oldVal == null ? NullDatum.INSTANCE : oldVal);
        m.put("new_val", newVal == null ? NullDatum.INSTANCE : newVal);
        if (offsets && options.includeOffsets()) {
            m.put("old_offset", oldOffset == null ? NullDatum.INSTANCE : NumberDatum.of(oldOffset));
            m.put("new_offset", newOffset == null ? NullDatum.INSTANCE : NumberDatum.of(newOffset));
        }
        if (options.includeTypes()) {
            String type = oldVal == null ? "add" : newVal == null ? "remove" : "change";
            m.put("type", new StringDatum(type));
        }
        return ObjectDatum.wrap(m);
    }

    /** RethinkDB's object for an overflowed queue. */
    protected static Datum skippedItem(long skipped) {
        return ObjectDatum.of("error", new StringDatum(
                "Changefeed cache over array size limit, skipped " + skipped + " elements."));
    }

    private static ObjectDatum with(ObjectDatum o, String key, String value) {
        var m = o.toMutableMap();
        m.put(key, new StringDatum(value));
        return ObjectDatum.wrap(m);
    }
}
