package io.reqldb.query.limits;

import io.reqldb.query.error.ReqlResourceLimitError;

/**
 * Bytes the server holds for a client outside any query's evaluation, taken from the server's
 * pool while it holds them: an answer being encoded, from the moment its buffer is allocated
 * until it has been written to the client (each answer is bounded by its query's budget already;
 * this bounds many of them at once: eight queries each answering with just under their budget
 * would otherwise hold twice the heap in encoded frames while the clients read them); and a
 * query's frame while it is parsed.
 *
 * <p>Thread safety: grown by the thread that encodes, closed by whichever thread learns that the
 * answer has been written (a network thread); closing is idempotent.
 */
public final class PoolCharge implements AutoCloseable {
    private final QueryLimits limits;
    // Guarded by this.
    private long bytes;
    private boolean closed;

    PoolCharge(QueryLimits limits) {
        this.limits = limits;
    }

    /**
     * Takes from the pool what it takes for the answer to hold {@code total} bytes.
     *
     * @throws ReqlResourceLimitError when the running queries and the answers in flight together
     *                                would hold more than the pool
     */
    public synchronized void growTo(long total) {
        if (!closed && total > bytes) {
            limits.reserve(total - bytes, total);
            bytes = total;
        }
    }

    /** Bytes held from the pool. */
    public synchronized long bytes() {
        return bytes;
    }

    /** The answer has been written (or never will be): gives its bytes back. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            limits.release(bytes);
            bytes = 0;
        }
    }
}
