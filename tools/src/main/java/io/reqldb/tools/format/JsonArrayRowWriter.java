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
    private final TextBatch batch;
    private boolean first = true;

    /** Writes to {@code out}; the header is written at once. */
    public JsonArrayRowWriter(OutputStream out) throws IOException {
        this.out = out;
        this.batch = new TextBatch(out);
        out.write('[');
    }

    @Override
    public void write(Map<String, Object> row) throws IOException {
        PyJson.append(startRow(), row);
        batch.rowDone();
    }

    @Override
    public boolean takesJsonText() {
        return true;
    }

    @Override
    public int writeJson(byte[] text, int start) throws IOException {
        int end = PyJsonRewriter.rewrite(text, start, startRow());
        batch.rowDone();
        return end;
    }

    private AsciiBuffer startRow() {
        AsciiBuffer text = batch.text();
        text.append(first ? "\n" : ",\n");
        first = false;
        return text;
    }

    @Override
    public void close() throws IOException {
        batch.flush();
        out.write("\n]\n".getBytes(StandardCharsets.ISO_8859_1));
        out.close();
    }
}
