package io.reqldb.query.limits;

import io.reqldb.datum.Datum;
import io.reqldb.datum.EstimatedSize;
import io.reqldb.datum.HeapSize;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.query.error.ReqlResourceLimitError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One query's brakes: a cancellation flag that its loops poll, listeners for work that runs
 * elsewhere and must be stopped by other means (a JavaScript worker to kill), and the memory it
 * has materialised, charged against its budget and the server's pool.
 *
 * <p>Thread safety: {@link #cancel}, {@link #isCancelled} and {@link #onCancel} may be called from
 * any thread. Charging memory happens on the thread evaluating the query; a query's steps run one
 * after another, never two at once.
 */
public final class QueryControl {
    private static final ThreadLocal<QueryControl> CURRENT = new ThreadLocal<>();
    /** Memory is taken from the shared pool in chunks, so most charges touch no shared state. */
    private static final long RESERVE_CHUNK = 1 << 20;
    /**
     * A buffered row's references beyond the row itself: its slot in the buffer's list (which
     * grows by half) and a sort's pairing of row and key.
     */
    private static final long ELEMENT_OVERHEAD = 32;
    /**
     * For evaluation that belongs to no client query (index functions compiled for storage):
     * never cancelled, no budget.
     */
    public static final QueryControl UNBOUNDED = new QueryLimits(Long.MAX_VALUE / 2, Long.MAX_VALUE / 2).open();

    private final QueryLimits limits;
    private final UUID id = newId();
    private final QueryOrigin origin;
    private final long startNanos = System.nanoTime();
    private volatile boolean cancelled;
    private volatile boolean terminated;
    // Guarded by this.
    private List<Runnable> listeners = new ArrayList<>();
    private int bindings;

    // Touched only by the thread evaluating the query.
    private long charged;
    private long reserved;
    /** Of {@link #charged}: what buffers closed with {@link Buffer#keep} hold. */
    private long kept;
    private boolean closed;

    QueryControl(QueryLimits limits, QueryOrigin origin) {
        this.limits = limits;
        this.origin = origin;
    }

    /**
     * A random (version 4) UUID from the thread's fast generator rather than {@link UUID#randomUUID}'s
     * secure one, which locks and reads the system's entropy on every query: an id only has to be
     * unique among running queries, and it is no secret (terminating a job needs the rights to
     * write {@code rethinkdb.jobs} whatever its id).
     */
    private static UUID newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
        return new UUID(high, low);
    }

    /** This query's id, unique in the process (the second half of its {@code rethinkdb.jobs} id). */
    public UUID id() {
        return id;
    }

    /** Who runs the query and what it is; null for a control of no client query. */
    public QueryOrigin origin() {
        return origin;
    }

    /** How long ago the query started. */
    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** The server-wide limits this control belongs to, which list the running queries. */
    public QueryLimits limits() {
        return limits;
    }

    /** A control of its own limits, for a query run outside a server (tests, embedded use). */
    public static QueryControl standalone() {
        return QueryLimits.fromHeap().open();
    }

    /** The control bound to the calling thread, or {@link #UNBOUNDED} outside any query. */
    public static QueryControl current() {
        QueryControl c = CURRENT.get();
        return c != null ? c : UNBOUNDED;
    }

    /** Throws {@link QueryCancelledException} when the calling thread's query has been cancelled. */
    public static void checkCurrent() {
        QueryControl c = CURRENT.get();
        if (c != null && c.cancelled) {
            throw new QueryCancelledException();
        }
    }

    /** Stops the query: its loops throw at their next poll and every listener runs once. Idempotent. */
    public void cancel() {
        List<Runnable> toRun;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            toRun = listeners;
            listeners = null;
            if (bindings > 0) {
                limits.countInterrupted();
            }
        }
        for (Runnable listener : toRun) {
            listener.run();
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /**
     * Cancels the query on an administrator's order (a delete from {@code rethinkdb.jobs}) rather
     * than its client's: its client is then answered with an error instead of the empty sequence
     * a STOP gets. Idempotent.
     */
    public void terminate() {
        terminated = true;
        cancel();
    }

    /** Whether {@link #terminate} stopped the query. */
    public boolean isTerminated() {
        return terminated;
    }

    /** Throws {@link QueryCancelledException} when this query has been cancelled. */
    public void checkCancelled() {
        if (cancelled) {
            throw new QueryCancelledException();
        }
    }

    /**
     * Runs {@code listener} when the query is cancelled (at once, on this thread, if it already
     * is). For work the query waits on outside this thread, such as a JavaScript worker process:
     * the listener kills it, and the waiting code then calls {@link #checkCancelled}. Close the
     * returned registration once that work is over.
     */
    public Registration onCancel(Runnable listener) {
        synchronized (this) {
            if (!cancelled) {
                listeners.add(listener);
                return () -> {
                    synchronized (this) {
                        if (listeners != null) {
                            listeners.remove(listener);
                        }
                    }
                };
            }
        }
        listener.run();
        return () -> { };
    }

    /** Undoes an {@link #onCancel}. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Memory held by a buffer the query is filling (rows to group, sort or turn into an array),
     * charged as it grows and given back when it is released: the sum of what a query's open
     * buffers hold must stay within its budget, and the sum over all queries within the server's.
     * Closing a buffer releases its bytes.
     */
    public Buffer buffer() {
        return new Buffer(this);
    }

    /** Bytes one buffer holds; see {@link #buffer}. Used by one thread at a time. */
    public static final class Buffer implements AutoCloseable {
        private final QueryControl owner;
        private long bytes;

        private Buffer(QueryControl owner) {
            this.owner = owner;
        }

        /**
         * Adds bytes to the buffer.
         *
         * @throws ReqlResourceLimitError when the query's budget or the server's pool is used up
         */
        public void add(long more) {
            owner.charge(more);
            bytes += more;
        }

        /**
         * Ends the buffer whose rows live on in the term's result (a group's groups, a sorted
         * array, an array read from a stream): its bytes stay charged until the function call that
         * built the result returns ({@link #keptSince}) or, at the top of the query, until the
         * query ends and its answer has been sent. Releasing them when the term returned let
         * eight concurrent groups, each within its budget while it read, all hold their rows at
         * once, uncharged, while their answers were written.
         */
        public void keep() {
            if (owner == UNBOUNDED) {
                close(); // shared by the threads that compute index values: nothing is kept
                return;
            }
            owner.kept += bytes;
            bytes = 0;
        }

        @Override
        public void close() {
            owner.release(bytes);
            bytes = 0;
        }
    }

    /** Where {@link Buffer#keep}'s bytes stand, for {@link #keptSince} when a function call ends. */
    public long keptMark() {
        return kept;
    }

    /**
     * A function call is over: what buffers kept since {@code mark} ({@link #keptMark} when it
     * began) is released. Its result no longer needs them, or is counted again by whoever holds
     * it (an array of the results reads each into a buffer); a loop that sorts or groups per row
     * would otherwise accumulate every row's charge.
     */
    public void keptSince(long mark) {
        if (kept > mark) {
            release(kept - mark);
            kept = mark;
        }
    }

    private void charge(long bytes) {
        long now = charged + bytes;
        if (now > limits.perQueryBytes()) {
            throw limits.queryOverBudget(now);
        }
        reserveUpTo(now);
        charged = now;
    }

    /** Takes from the server's pool what it takes for the query to hold {@code bytes}, in chunks. */
    private void reserveUpTo(long bytes) {
        if (bytes > reserved && !closed) {
            long want = Math.max(RESERVE_CHUNK, bytes - reserved);
            limits.reserve(want, bytes);
            reserved += want;
        }
    }

    private void release(long bytes) {
        if (closed) {
            return;
        }
        charged -= bytes;
        // Keep one chunk in hand so that a buffer filled and emptied per row costs no shared update.
        long spare = reserved - charged - RESERVE_CHUNK;
        if (spare > RESERVE_CHUNK && !closed) {
            limits.release(spare);
            reserved -= spare;
        }
    }

    /**
     * Checks the size of one value about to be built (a concatenated string): it must fit in the
     * budget beside what the query's buffers hold, and the server's pool must hold it too. The
     * pool keeps the value's bytes reserved until the query ends or a buffer of it is released
     * (a value built step by step, such as a fold's accumulator, is checked again at each step, so
     * its reservation follows it): without it, eight queries each growing a value to just under
     * its budget of 40% of the heap would fill the heap three times over.
     *
     * @throws ReqlResourceLimitError when it would not fit
     */
    public void checkSize(long bytes) {
        long needed = charged + bytes;
        if (needed > limits.perQueryBytes()) {
            throw limits.queryOverBudget(needed);
        }
        if (this != UNBOUNDED && needed > reserved) {
            // Parts of a parallel scan may check values at once; they charge under this lock too.
            synchronized (this) {
                reserveUpTo(needed);
            }
        }
    }

    /**
     * Checks a value a term has just built (an array grown by {@code append} or {@code add}, a
     * value read from text or a script) as {@link #checkSize} does, at the memory it holds
     * ({@link EstimatedSize#held}: parts it shares count once): what a query builds step by step,
     * such as a fold's accumulator, stays within the budget at every step. Returns {@code d}.
     *
     * @throws ReqlResourceLimitError when it does not fit
     */
    public <D extends Datum> D checkFits(D d) {
        checkSize(EstimatedSize.held(d));
        return d;
    }

    /**
     * Checks a value about to be written out as text ({@code to_json_string}): at its
     * written size ({@link EstimatedSize#atMost}), which counts shared parts as often as they occur. Returns {@code d}.
     *
     * @throws ReqlResourceLimitError when the text would not fit
     */
    public <D extends Datum> D checkWritable(D d) {
        checkSize(EstimatedSize.atMost(d, limits.perQueryBytes()));
        return d;
    }

    /**
     * The form in which a buffer should keep {@code d}: a row read from a table keeps only its
     * stored form ({@link ObjectDatum#storedOnly}: about 1 KB for a document of 850 bytes of
     * JSON, where its decoded fields take 4.7 KB), whatever reads it later decodes and drops.
     */
    public static Datum heldForm(Datum d) {
        return d instanceof ObjectDatum o ? o.storedOnly() : d;
    }

    /**
     * What keeping {@code d} in a buffer costs: the heap it takes ({@link HeapSize}: a stored
     * row counted as decoded, several times its JSON size, unless it is in its {@link #heldForm})
     * plus the references that hold it.
     */
    public long sizeOf(Datum d) {
        return HeapSize.atMost(d, limits.perQueryBytes()) + ELEMENT_OVERHEAD;
    }

    /** Bytes the query's open buffers hold. */
    public long charged() {
        return charged;
    }

    /**
     * Makes this the calling thread's control until the returned binding closes: the query's
     * loops, wherever they are, poll it. Bindings nest (the previous one comes back).
     */
    public Binding bind() {
        QueryControl previous = CURRENT.get();
        CURRENT.set(this);
        synchronized (this) {
            bindings++;
        }
        limits.enter();
        return () -> {
            limits.leave();
            synchronized (this) {
                bindings--;
            }
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** Ends a {@link #bind}. */
    @FunctionalInterface
    public interface Binding extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * The query is over: gives its memory back to the pool and leaves the list of running queries.
     * Idempotent. Called on the query's thread or, once its evaluation is over, on the thread that
     * learns its last answer has been written.
     */
    public synchronized void close() {
        if (!closed) {
            closed = true;
            limits.release(reserved);
            reserved = 0;
            charged = 0;
            kept = 0;
            limits.forget(this);
        }
    }
}
