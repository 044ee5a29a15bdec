package io.reqldb.storage;

import io.reqldb.datum.Datum;

/**
 * A forward-only stream of documents. Not thread-safe. Must be closed; it pins RocksDB resources.
 */
public interface DocumentCursor extends AutoCloseable {
    /** The next document, or Java null at the end. */
    Datum next();

    /** For index scans: the index value of the document last returned by {@link #next}. */
    default Datum currentIndexValue() {
        throw new UnsupportedOperationException("not an index scan");
    }

    @Override
    void close();
}
