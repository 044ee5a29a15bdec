package io.reqldb.query;

import io.reqldb.datum.Datum;
import java.util.List;

/**
 * A lazily evaluated result read batch by batch: the network layer calls {@link #nextBatch} once
 * for the first response and once per CONTINUE, and {@link #close} on STOP, on disconnect, or
 * after the last batch. Not thread-safe: one caller at a time.
 */
public interface ResultStream extends AutoCloseable {

    /**
     * The next rows, at most {@code maxRows} and roughly at most {@code maxBytes} of JSON. For a
     * changefeed this blocks until at least one change is available (or the feed ends).
     *
     * @throws io.reqldb.query.error.ReqlError when evaluation fails part-way
     */
    List<Datum> nextBatch(int maxRows, long maxBytes);

    /**
     * Runs {@code ready}, now or later and on any thread, once {@link #nextBatch} has something
     * to return without waiting for a change; from then on this stream's {@code nextBatch} never
     * waits for a first change (it may return no rows: ask again). For a reader that must not hold
     * a thread while a changefeed is idle. Ordinary streams are always ready.
     */
    default void awaitReady(Runnable ready) {
        ready.run();
    }

    /** True once every row has been returned: the last batch goes out as SUCCESS_SEQUENCE. */
    boolean isExhausted();

    /** Response notes ({@code n}): e.g. 1 for a SEQUENCE_FEED, 2 ATOM_FEED, 3 ORDER_BY_LIMIT_FEED, 5 INCLUDES_STATES. */
    default List<Integer> notes() {
        return List.of();
    }

    /** Frees what the stream holds. Idempotent. */
    @Override
    void close();
}
