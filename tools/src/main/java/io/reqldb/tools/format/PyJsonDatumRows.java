package io.reqldb.tools.format;

import io.reqldb.datum.ByteBuilder;
import io.reqldb.datum.DatumJson;
import io.reqldb.datum.Grisu2;
import io.reqldb.datum.JsonBytes;
import io.reqldb.rethinkdata.JsonSink;
import io.reqldb.rethinkdata.ParallelRows;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Rows read from a RethinkDB file ({@code dump --data-dir}), spelt straight into a data file's
 * {@link PyJson} text: byte for byte what {@link PyJsonRewriter} makes of the server's text for
 * the row, without making that text and parsing it again. Separators within a row are written
 * as the rewriter writes them (those between rows are the data file's); a string of printable ASCII without quote or backslash (most of them)
 * and an integer are copied, a number with a fraction of few digits goes from the server's
 * digits to repr as {@link PyFloat#appendDecimal} takes them from its text; any other string,
 * number or binary goes through the server's spelling and the rewriter's own code for it.
 */
public final class PyJsonDatumRows implements JsonSink {
    private final AsciiBuffer out = new AsciiBuffer(ParallelRows.CHUNK + 4096);
    private final ByteBuilder scratch = new ByteBuilder(256);

    private PyJsonDatumRows() {}

    /**
     * Spells rows one after another into a buffer of their own, without separators, for
     * {@link RowWriter#writeSpelt}: what {@link ParallelRows} spells each store's rows with.
     */
    public static ParallelRows.Speller speller() {
        PyJsonDatumRows rows = new PyJsonDatumRows();
        return new ParallelRows.Speller() {
            @Override
            public JsonSink json() {
                return rows;
            }

            @Override
            public int length() {
                return rows.out.length();
            }

            @Override
            public byte[] take() {
                byte[] text = rows.out.toByteArray();
                rows.out.clear();
                return text;
            }
        };
    }

    @Override
    public void beginObject() {
        out.append('{');
    }

    @Override
    public void endObject() {
        out.append('}');
    }

    @Override
    public void beginArray() {
        out.append('[');
    }

    @Override
    public void endArray() {
        out.append(']');
    }

    @Override
    public void comma() {
        out.reserve(2);
        out.put((byte) ',');
        out.put((byte) ' ');
    }

    @Override
    public void key(byte[] utf8, int offset, int length) {
        string(utf8, offset, length);
        out.reserve(2);
        out.put((byte) ':');
        out.put((byte) ' ');
    }

    @Override
    public void string(byte[] utf8, int offset, int length) {
        int end = offset + length;
        if (PyJsonRewriter.plainRunEnd(utf8, offset, end) == end) {
            out.reserve(length + 2);
            out.put((byte) '"');
            out.append(utf8, offset, end);
            out.put((byte) '"');
            return;
        }
        JsonBytes.string(scratch.reset(), utf8, offset, length);
        try {
            PyJsonRewriter.string(scratch.toByteArray(), 0, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void number(double value) {
        if (DatumJson.isPrintedAsInteger(value)) {
            out.append(Long.toString((long) value));
            return;
        }
        if (value != 0) {
            // The digits the server's text would show, straight to repr when they are the shortest.
            Grisu2.Decimal d = Grisu2.digits(Math.abs(value));
            if (PyFloat.appendFromDigits(out, value < 0, d.digits(), d.length(), d.length() + d.exponent())) {
                return;
            }
        }
        byte[] text = DatumJson.formatNumber(value).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        PyJsonRewriter.number(text, 0, out);
    }

    @Override
    public void bool(boolean value) {
        out.append(value ? "true" : "false");
    }

    @Override
    public void nil() {
        out.append("null");
    }

    @Override
    public void binary(byte[] bytes, int offset, int length) {
        JsonBytes.binary(scratch.reset(), bytes, offset, length);
        try {
            PyJsonRewriter.rewrite(scratch.toByteArray(), 0, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
