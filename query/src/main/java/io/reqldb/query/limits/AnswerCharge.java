package io.reqldb.query.limits;

import io.reqldb.query.error.ReqlResourceLimitError;

/**
 * The bytes of one answer being encoded, taken from the server's pool from the moment its buffer
 * is allocated until the answer has been written to the client. Each answer is bounded by its
 * query's budget already; this bounds many of them at once: eight queries each answering with
 * just under their budget would otherwise hold twice the heap in encoded frames while the
 * clients read them.
 *
 * <p>Thread safety: grown by the thread that encodes, closed by whichever thread learns that the
 * answer has been written (a network thread); closing is idempotent.
 */
public final class AnswerCharge implements AutoCloseable {
    private final QueryLimits limits;
    // Guarded by this.
    private long bytes;
    private boolean closed;

    AnswerCharge(QueryLimits limits) {
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
