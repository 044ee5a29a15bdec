package io.reqldb.tools.format;

import java.io.IOException;
import java.io.OutputStream;

/** The official {@code .ndjson} file: rows separated by {@code \n}, no trailing newline. */
public final class NdjsonRowWriter extends PyJsonRowWriter {
    public NdjsonRowWriter(OutputStream out) throws IOException {
        super(out, "", "", "\n", "");
    }
}
