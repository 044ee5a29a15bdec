package io.reqldb.tools.format;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A data file of {@link PyJson} rows one after another: a header, a separator before each row
 * (another before the first), and a trailer. The JSON array and NDJSON files are both this.
 */
abstract class PyJsonRowWriter implements RowWriter {
    private final OutputStream out;
    private final TextBatch batch;
    private final String firstSeparator;
    private final String separator;
    private final byte[] trailer;
    private boolean first = true;

    /** Writes {@code header} at once. */
    PyJsonRowWriter(OutputStream out, String header, String firstSeparator, String separator, String trailer)
            throws IOException {
        this.out = out;
        this.batch = new TextBatch(out);
        this.firstSeparator = firstSeparator;
        this.separator = separator;
        this.trailer = trailer.getBytes(StandardCharsets.ISO_8859_1);
        out.write(header.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public final void write(Map<String, Object> row) throws IOException {
        PyJson.append(startRow(), row);
        batch.rowDone();
    }

    @Override
    public final boolean takesJsonText() {
        return true;
    }

    @Override
    public final int writeJson(byte[] text, int start) throws IOException {
        int end = PyJsonRewriter.rewrite(text, start, startRow());
        batch.rowDone();
        return end;
    }

    @Override
    public final void writeSpelt(byte[] text, int from, int to) throws IOException {
        startRow().append(text, from, to);
        batch.rowDone();
    }

    AsciiBuffer startRow() {
        AsciiBuffer text = batch.text();
        text.append(first ? firstSeparator : separator);
        first = false;
        return text;
    }

    @Override
    public final void close() throws IOException {
        batch.flush();
        out.write(trailer);
        out.close();
    }
}
