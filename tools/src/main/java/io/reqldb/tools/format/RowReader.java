package io.reqldb.tools.format;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

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

    /**
     * Adds the next row, keeping only the top-level {@code fields} (all when null), to a batch
     * being sent; false at the end.
     */
    default boolean nextWire(WireRows out, Set<String> fields) throws IOException {
        Map<String, Object> row = next();
        if (row == null) {
            return false;
        }
        if (fields != null) {
            row.keySet().retainAll(fields);
        }
        out.add(row);
        return true;
    }

    /** Bytes of the source consumed so far, for progress reporting. */
    long bytesRead();
}
