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
import java.util.ArrayDeque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscription: reads committed writes from its table's {@link FeedHub} log and hands change
 * objects to one reader.
 *
 * <p>Concurrency: every method of a subclass runs under {@link #lock}. The reader calls
 * {@link #next}, which first turns the writes published since the feed's position into changes
 * ({@link #catchUp}; the hub's publishing thread does this instead for feeds that
 * {@link #takesWritesEagerly} or lag far behind), then waits on a condition if nothing is ready
 * (interruptible, and woken by {@link #close} from any thread, so STOP and disconnect free a
 * blocked reader at once). While waiting, the reader checks now and then that the table still
 * exists, and ends the feed with RethinkDB's error when it was dropped.
 *
 * <p>A reader that must not hold a thread while nothing happens (the server's: an idle feed
 * would otherwise keep a thread for as long as it is open) asks {@link #whenReady} instead of
 * waiting, and reads with a deadline of now once called back.
 */
public abstract class Feed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Feed.class);
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
    /** The last group of the hub's log this feed has taken (under the lock). */
    private WriteGroup position;
    /** How many of the hub's writes this feed has taken: lets the hub spot a lagging feed without locking it. */
    private volatile long seen;
    /**
     * Set while this feed is in the hub's queue of readers to wake at the next write; only the
     * hub clears it, so the feed is queued at most once however often its reader times out.
     */
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    /** The callback of {@link #whenReady} not yet run (under the lock). */
    private Runnable pendingReady;

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

    /** True for feeds that must take each write as soon as it is published, not when read. */
    boolean takesWritesEagerly() {
        return false;
    }

    /** Sets the position: the feed takes the groups published after {@code g} (called on joining the hub). */
    final void startReadingAfter(WriteGroup g) {
        lock.lock();
        try {
            position = g;
            seen = g.end;
        } finally {
            lock.unlock();
        }
    }

    final long seen() {
        return seen;
    }

    /**
     * Takes the writes published since this feed's position, in order (the hub's publishing
     * thread calls this; the reader does the same in {@link #drain}).
     *
     * @param wait false to give up at once when the reader holds the lock (it is catching up itself)
     */
    final void catchUp(boolean wait) {
        if (wait) {
            lock.lock();
        } else if (!lock.tryLock()) {
            return;
        }
        try {
            catchUpLocked();
        } finally {
            lock.unlock();
        }
    }

    private void catchUpLocked() {
        if (closed) {
            return;
        }
        for (WriteGroup g = position.next(); g != null; g = g.next()) {
            if (failure == null) {
                accept(g);
            }
            position = g;
            seen = g.end;
        }
    }

    /** Records a group of committed writes, in order (under the lock); by default one by one. */
    void accept(WriteGroup g) {
        for (Write w : g.writes) {
            try {
                accept(w);
            } catch (RuntimeException e) {
                LOG.warn("changefeed failed to take a change", e);
            }
        }
    }

    /**
     * Drops the changes waiting for this feed's reader, reported as skipped as when its queue
     * overflows, if more than {@code threshold} wait (the hub calls this when the heap runs
     * short, see {@link HeapPressure}). Gives up at once when the reader holds the lock.
     *
     * @return whether changes were dropped
     */
    final boolean shedIfMoreThan(int threshold) {
        if (!lock.tryLock()) {
            return false;
        }
        try {
            if (closed || waitingChanges() <= threshold) {
                return false;
            }
            shedWaiting();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Changes waiting for the reader that {@link #shedWaiting} would drop (under the lock); none by default. */
    int waitingChanges() {
        return 0;
    }

    /** Drops the waiting changes, counting them as skipped (under the lock). */
    void shedWaiting() {
    }

    /** Called by the hub after publishing, when this feed queued itself to be woken. */
    final void writeArrived() {
        if (wakeQueued.compareAndSet(true, false)) {
            Runnable ready;
            lock.lock();
            try {
                changed.signalAll();
                ready = pendingReady;
                pendingReady = null;
            } finally {
                lock.unlock();
            }
            // The write may not pass the reader's filter: the reader then just asks again. Taking
            // the write here instead would put every feed's work on the writer's thread.
            if (ready != null) {
                ready.run();
            }
        }
    }

    /** Ends the feed with an error its reader will get (under the lock). */
    protected final void fail(ReqlError error) {
        failure = error;
        changed.signalAll();
    }

    /** Records one committed write (under the lock); a feed that overrides {@link #accept(WriteGroup)} need not. */
    void accept(Write write) {
        throw new IllegalStateException(getClass().getSimpleName() + " takes whole groups");
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
        ArrayDeque<Datum> one = new ArrayDeque<>(1);
        return drain(deadline, one, 1) < 0 ? null : one.poll();
    }

    /**
     * Moves up to {@code max} items into {@code out} under one lock acquisition, waiting for the
     * first as {@link #next} does, so a busy reader does not contend with writers per item.
     *
     * @return how many were moved, or -1 once the feed is closed
     */
    final int drain(long deadline, ArrayDeque<Datum> out, int max) {
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
                catchUpLocked();
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
                if (unbounded) {
                    if (wakeQueued.compareAndSet(false, true)) {
                        hub.wakeOnNextWrite(this);
                    }
                    if (hub.tail() != position) {
                        continue; // published while we queued: take it now
                    }
                }
                changed.awaitNanos(Math.max(wait, 1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code ready} once a {@link #drain} would find something without waiting (an item, the
     * end of a squash wait, the feed closed or failed, its table dropped), or a write arrived
     * that may be one; at once when that is already so. No thread waits meanwhile: a write, or a
     * shared timer for the squash deadline and the dropped-table check, calls it. A later call
     * replaces a callback not yet run (the reader asks again after a read that found nothing).
     */
    final void whenReady(Runnable ready) {
        lock.lock();
        try {
            if (!readyLocked()) {
                pendingReady = ready;
                if (wakeQueued.compareAndSet(false, true)) {
                    hub.wakeOnNextWrite(this);
                }
                if (hub.tail() == position) {
                    scheduleRecheck(ready);
                    return;
                }
                pendingReady = null; // published while we queued: look at it now
            }
        } finally {
            lock.unlock();
        }
        ready.run();
    }

    /** Whether {@link #drain} would return at once (under the lock). */
    private boolean readyLocked() {
        if (closed || failure != null) {
            return true;
        }
        catchUpLocked();
        refresh();
        if (holding && (System.nanoTime() - notBefore >= 0 || nearlyFull())) {
            holding = false;
        }
        if (hasElement() && !holding) {
            return true;
        }
        if (store != null && store.table(tableId).isEmpty()) {
            failure = new ReqlOpFailedError("Changefeed aborted (unavailable).");
            return true;
        }
        return false;
    }

    /** Looks again at the squash deadline or after the dropped-table check interval, whichever is first. */
    private void scheduleRecheck(Runnable ready) {
        long delay = holding ? Math.min(Math.max(notBefore - System.nanoTime(), 0), DROP_CHECK_NANOS) : DROP_CHECK_NANOS;
        FeedTimer.schedule(() -> recheck(ready), delay);
    }

    private void recheck(Runnable ready) {
        lock.lock();
        try {
            if (pendingReady != ready) {
                return; // run already, or replaced by a newer request with its own timer
            }
            if (!readyLocked()) {
                scheduleRecheck(ready);
                return;
            }
            pendingReady = null;
        } finally {
            lock.unlock();
        }
        ready.run();
    }

    /** Ends the feed (STOP, disconnect, end of query); wakes a waiting reader. Idempotent. */
    @Override
    public final void close() {
        Runnable ready;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            changed.signalAll();
            released();
            position = null; // the log behind it may be collected
            ready = pendingReady;
            pendingReady = null;
        } finally {
            lock.unlock();
        }
        if (hub != null) {
            hub.remove(this);
        }
        if (ready != null) {
            ready.run();
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

    private static ObjectDatum with(ObjectDatum o, String key, String value) {
        var m = o.toMutableMap();
        m.put(key, new StringDatum(value));
        return ObjectDatum.wrap(m);
    }
}
