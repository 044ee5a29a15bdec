package io.reqldb.tools.format;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The official {@code .json} data file: {@code [}, then {@code \n} before the first row and
 * {@code ,\n} before each later one, then {@code \n]\n}. An empty table gives {@code [\n]\n}.
 */
public final class JsonArrayRowWriter implements RowWriter {
    private final OutputStream out;
    private final AsciiBuffer buffer = new AsciiBuffer(1024);
    private boolean first = true;

    /** Writes to {@code out}, which should be buffered; the header is written at once. */
    public JsonArrayRowWriter(OutputStream out) throws IOException {
        this.out = out;
        out.write('[');
    }

    @Override
    public void write(Map<String, Object> row) throws IOException {
        buffer.clear();
        buffer.append(first ? "\n" : ",\n");
        first = false;
        PyJson.append(buffer, row);
        // PyJson output is pure ASCII, so ISO-8859-1 is a plain char-to-byte copy.
        buffer.writeTo(out);
    }

    @Override
    public boolean takesEncodedRows() {
        return true;
    }

    @Override
    public void writeEncoded(AsciiBuffer row) throws IOException {
        out.write(first ? '\n' : ',');
        if (!first) {
            out.write('\n');
        }
        first = false;
        row.writeTo(out);
    }

    @Override
    public void close() throws IOException {
        out.write("\n]\n".getBytes(StandardCharsets.ISO_8859_1));
        out.close();
    }
}
