package io.reqldb.tools.format;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The official {@code .ndjson} file: rows separated by {@code \n}, no trailing newline. */
public final class NdjsonRowWriter implements RowWriter {
    private final OutputStream out;
    private final AsciiBuffer buffer = new AsciiBuffer(1024);
    private boolean first = true;

    /** Writes to {@code out}, which should be buffered. */
    public NdjsonRowWriter(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(Map<String, Object> row) throws IOException {
        buffer.clear();
        if (!first) {
            buffer.append('\n');
        }
        first = false;
        PyJson.append(buffer, row);
        buffer.writeTo(out);
    }

    @Override
    public boolean takesEncodedRows() {
        return true;
    }

    @Override
    public void writeEncoded(AsciiBuffer row) throws IOException {
        if (!first) {
            out.write('\n');
        }
        first = false;
        row.writeTo(out);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
