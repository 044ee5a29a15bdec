package io.reqldb.query.limits;

/**
 * Unwinds a query that was cancelled (STOP, disconnect). Deliberately not a
 * {@link io.reqldb.query.error.ReqlError}: no term may catch it and carry on (as {@code default}
 * or a write's per-row error count would), and it is never shown to a client, who gets the
 * STOP's answer or nothing at all.
 */
public final class QueryCancelledException extends RuntimeException {
    QueryCancelledException() {
        super("query cancelled", null, false, false);
    }
}
