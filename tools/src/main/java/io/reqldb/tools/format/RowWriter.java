package io.reqldb.tools.format;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;

/** Writes the rows of one table into one data file, in one of the export formats. */
public interface RowWriter extends Closeable {
    /** Appends one row (a driver value, keys in server order). */
    void write(Map<String, Object> row) throws IOException;

    /**
     * True when the format is {@link PyJson} text, so rows may come already encoded through
     * {@link #writeEncoded}.
     */
    default boolean takesEncodedRows() {
        return false;
    }

    /** Appends one row already encoded by {@link PyJson} or {@link PyJsonTranscoder}. */
    default void writeEncoded(AsciiBuffer row) throws IOException {
        throw new UnsupportedOperationException("rows of this format must be written as values");
    }

    /** Writes the trailer and closes the underlying stream. */
    @Override
    void close() throws IOException;
}
