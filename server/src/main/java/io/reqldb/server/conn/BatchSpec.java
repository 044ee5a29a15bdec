package io.reqldb.server.conn;

import io.reqldb.server.wire.Query;

/**
 * How big a stream's batches are, from the query's global optargs, with RethinkDB's defaults: no
 * row limit, 1 MB per batch, and a first batch four times smaller so the first rows arrive
 * early. RethinkDB also caps a batch's time (half a second); the query layer's streams decide
 * for themselves when to return early.
 *
 * @param maxRows        {@code max_batch_rows}, {@link Integer#MAX_VALUE} for no limit
 * @param maxBytes       {@code max_batch_bytes}
 * @param firstScaledown {@code first_batch_scaledown_factor}
 */
record BatchSpec(int maxRows, long maxBytes, int firstScaledown) {
    static final long DEFAULT_MAX_BYTES = 1024 * 1024;
    static final int DEFAULT_FIRST_SCALEDOWN = 4;

    static BatchSpec of(Query query) {
        double rows = query.staticNumberOptarg("max_batch_rows", Integer.MAX_VALUE);
        double bytes = query.staticNumberOptarg("max_batch_bytes", DEFAULT_MAX_BYTES);
        double scaledown = query.staticNumberOptarg("first_batch_scaledown_factor", DEFAULT_FIRST_SCALEDOWN);
        return new BatchSpec(
                rows >= 1 ? (int) Math.min(rows, Integer.MAX_VALUE) : Integer.MAX_VALUE,
                bytes >= 1 ? (long) bytes : DEFAULT_MAX_BYTES,
                scaledown >= 1 ? (int) Math.min(scaledown, Integer.MAX_VALUE) : DEFAULT_FIRST_SCALEDOWN);
    }

    /** Rows for the first batch: scaled down unless unlimited. */
    int firstRows() {
        return maxRows == Integer.MAX_VALUE ? maxRows : Math.max(1, maxRows / firstScaledown);
    }

    long firstBytes() {
        return Math.max(1, maxBytes / firstScaledown);
    }
}
