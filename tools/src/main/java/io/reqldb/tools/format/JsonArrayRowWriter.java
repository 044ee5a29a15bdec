package io.reqldb.tools.format;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The official {@code .json} data file: {@code [}, then {@code \n} before the first row and
 * {@code ,\n} before each later one, then {@code \n]\n}. An empty table gives {@code [\n]\n}.
 */
public final class JsonArrayRowWriter extends PyJsonRowWriter {
    /** Writes to {@code out}; the header is written at once. */
    public JsonArrayRowWriter(OutputStream out) throws IOException {
        super(out, "[", "\n", ",\n", "\n]\n");
    }
}
