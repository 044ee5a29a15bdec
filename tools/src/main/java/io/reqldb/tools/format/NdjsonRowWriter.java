package io.reqldb.tools.format;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** The official {@code .ndjson} file: rows separated by {@code \n}, no trailing newline. */
public final class NdjsonRowWriter implements RowWriter {
    private final OutputStream out;
    private final TextBatch batch;
    private boolean first = true;

    public NdjsonRowWriter(OutputStream out) {
        this.out = out;
        this.batch = new TextBatch(out);
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
        if (!first) {
            text.append('\n');
        }
        first = false;
        return text;
    }

    @Override
    public void close() throws IOException {
        batch.flush();
        out.close();
    }
}
