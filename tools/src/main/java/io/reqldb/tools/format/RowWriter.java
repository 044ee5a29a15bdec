package io.reqldb.tools.format;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;

/** Writes the rows of one table into one data file, in one of the export formats. */
public interface RowWriter extends Closeable {
    /** Appends one row (a driver value, keys in server order). */
    void write(Map<String, Object> row) throws IOException;

    /** Writes the trailer and closes the underlying stream. */
    @Override
    void close() throws IOException;
}
