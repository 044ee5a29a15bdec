package io.reqldb.tools.format;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;

/** Writes the rows of one table into one data file, in one of the export formats. */
public interface RowWriter extends Closeable {
    /** Appends one row (a driver value, keys in server order). */
    void write(Map<String, Object> row) throws IOException;

    /**
     * True when the format is {@link PyJson} text, so rows may be given as a server's JSON text
     * through {@link #writeJson}.
     */
    default boolean takesJsonText() {
        return false;
    }

    /**
     * Appends the row whose JSON text, as a server sends it, starts at {@code text[start]}
     * (rewritten by {@link PyJsonRewriter}), and returns the index just after it.
     */
    default int writeJson(byte[] text, int start) throws IOException {
        throw new UnsupportedOperationException("rows of this format must be written as values");
    }

    /** Appends a row spelt by {@link PyJsonDatumRows#speller}, {@code text[from..to)}. */
    default void writeSpelt(byte[] text, int from, int to) throws IOException {
        throw new UnsupportedOperationException("rows of this format must be written as values");
    }

    /** Writes the trailer and closes the underlying stream. */
    @Override
    void close() throws IOException;
}
