package io.reqldb.tools.format;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The official {@code .ndjson} file: rows separated by {@code \n}, no trailing newline. */
public final class NdjsonRowWriter implements RowWriter {
    private final OutputStream out;
    private final StringBuilder buffer = new StringBuilder(1024);
    private boolean first = true;

    /** Writes to {@code out}, which should be buffered. */
    public NdjsonRowWriter(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(Map<String, Object> row) throws IOException {
        buffer.setLength(0);
        if (!first) {
            buffer.append('\n');
        }
        first = false;
        PyJson.append(buffer, row);
        out.write(buffer.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
