package io.reqldb.tools.format;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;

/** Reads the rows of one data file one at a time, so memory stays bounded by one row. */
public interface RowReader extends Closeable {
    /** Returns the next row, or null after the last one (the file's trailer is checked then). */
    Map<String, Object> next() throws IOException;

    /**
     * Reads past the next row without keeping it; false at the end. Checks the format as fully
     * as {@link #next()}, which is what an offline verification needs.
     */
    default boolean skip() throws IOException {
        return next() != null;
    }

    /** Bytes of the source consumed so far, for progress reporting. */
    long bytesRead();
}
