package io.reqldb.query.limits;

import io.reqldb.query.error.ReqlResourceLimitError;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server-wide side of query limits: each query's memory budget, the pool all running queries
 * share (so that many queries, each within its budget, still cannot fill the heap together),
 * counters of what the controls did, and the list of client queries not yet finished, each of
 * which can be cancelled by its id.
 */
public final class QueryLimits {
    /**
     * Default share of the heap one query may hold: 102 MB of {@code serve}'s default 256 MB
     * heap, enough to sort or group 100k documents of 850 bytes (80-90 MB held as stored), which
     * RethinkDB's array limit allows. The pool, not this share, keeps queries together from
     * filling the heap.
     */
    public static final double DEFAULT_QUERY_HEAP_SHARE = 0.4;
    /** Default share of the heap all running queries may hold together. */
    public static final double DEFAULT_TOTAL_HEAP_SHARE = 0.6;

    private final long perQueryBytes;
    private final long totalBytes;
    private final AtomicLong reserved = new AtomicLong();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong interrupted = new AtomicLong();
    private final Map<UUID, QueryControl> queries = new ConcurrentHashMap<>();

    /**
     * @param perQueryBytes most bytes one query may hold
     * @param totalBytes    most bytes all running queries may hold together
     */
    public QueryLimits(long perQueryBytes, long totalBytes) {
        if (perQueryBytes < 1 || totalBytes < 1) {
            throw new IllegalArgumentException("memory limits must be positive");
        }
        this.perQueryBytes = perQueryBytes;
        this.totalBytes = totalBytes;
    }

    /** Limits derived from the heap: 40% of it per query, 60% for all queries together. */
    public static QueryLimits fromHeap() {
        return withQueryBudget(defaultQueryBytes());
    }

    /**
     * The pool derived from the maximum heap ({@link #DEFAULT_TOTAL_HEAP_SHARE} of it), and a
     * per-query budget as given but never above the pool: a budget larger than the heap would let
     * one query fill it. The rest of the heap is for what budgets do not count (requests and
     * answers being encoded, cursors' batches, the catalog) and for the collector's headroom.
     */
    public static QueryLimits withQueryBudget(long perQueryBytes) {
        long pool = (long) (Runtime.getRuntime().maxMemory() * DEFAULT_TOTAL_HEAP_SHARE);
        return new QueryLimits(Math.min(perQueryBytes, pool), pool);
    }

    /** The default per-query budget: {@link #DEFAULT_QUERY_HEAP_SHARE} of the maximum heap. */
    public static long defaultQueryBytes() {
        return (long) (Runtime.getRuntime().maxMemory() * DEFAULT_QUERY_HEAP_SHARE);
    }

    /** A control of no client query (tests, embedded use): not listed among {@link #queries}. */
    public QueryControl open() {
        return new QueryControl(this, null);
    }

    /** A client query's control, listed among {@link #queries} until it is closed. */
    public QueryControl open(QueryOrigin origin) {
        QueryControl control = new QueryControl(this, java.util.Objects.requireNonNull(origin));
        queries.put(control.id(), control);
        return control;
    }

    /**
     * The client queries not yet finished, longest running first: those evaluating and those whose
     * cursor is open between batches (changefeeds included). What {@code rethinkdb.jobs} lists.
     */
    public List<QueryControl> queries() {
        return queries.values().stream().sorted(Comparator.comparing(QueryControl::elapsed).reversed()).toList();
    }

    /**
     * Terminates the listed query with this id ({@link QueryControl#terminate}): what deleting its
     * {@code rethinkdb.jobs} row does. False when no such query is running.
     */
    public boolean terminate(UUID id) {
        QueryControl control = queries.get(id);
        if (control == null) {
            return false;
        }
        control.terminate();
        return true;
    }

    /**
     * A charge on the pool ({@link PoolCharge}) for one answer while it is encoded and written, or
     * one query while it is parsed; close it once the answer has left or the query is parsed.
     */
    public PoolCharge charge() {
        return new PoolCharge(this);
    }

    public long perQueryBytes() {
        return perQueryBytes;
    }

    public long totalBytes() {
        return totalBytes;
    }

    /** Queries evaluating on some thread right now (bound controls). */
    public int running() {
        return running.get();
    }

    /** Queries cancelled while they were evaluating, which then unwound. */
    public long interrupted() {
        return interrupted.get();
    }

    /** Bytes the running queries, and the answers being encoded or written, hold from the pool. */
    public long reservedBytes() {
        return reserved.get();
    }

    void forget(QueryControl control) {
        queries.remove(control.id(), control);
    }

    void enter() {
        running.incrementAndGet();
    }

    void leave() {
        running.decrementAndGet();
    }

    void countInterrupted() {
        interrupted.incrementAndGet();
    }

    /** @param queryHolds what the query (or answer) would hold with these bytes, for the message */
    void reserve(long bytes, long queryHolds) {
        long total = reserved.addAndGet(bytes);
        if (total > totalBytes) {
            reserved.addAndGet(-bytes);
            throw new ReqlResourceLimitError("Query memory exhausted: running queries hold `"
                    + (total - bytes) + "` bytes together (this one `" + queryHolds + "`), over the "
                    + "server's limit `" + totalBytes + "`.  Try again later, or use a reduction or an "
                    + "index to work on fewer rows at once.");
        }
    }

    void release(long bytes) {
        reserved.addAndGet(-bytes);
    }

    ReqlResourceLimitError queryOverBudget(long bytes) {
        return new ReqlResourceLimitError("Query over memory limit `" + perQueryBytes + "` bytes (it needs `"
                + bytes + "`).  Use a reduction or an index to work on fewer rows at once, or raise "
                + "the server's `--query-memory`.");
    }
}
