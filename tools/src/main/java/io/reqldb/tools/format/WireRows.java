package io.reqldb.tools.format;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * A batch of rows written straight into the JSON text of the insert's argument, as the official
 * tools send it: a MAKE_ARRAY term {@code [2, [row, ...]]} whose rows are plain JSON objects with
 * every array inside them a MAKE_ARRAY term too (so {@code $reql_type$} objects reach the server
 * as written). Readers that can copy a row's tokens do so ({@link JsonRowReader#nextWire});
 * others hand over a decoded row ({@link #add}). Either way no term tree is built per document.
 * The text is UTF-8 bytes, as it goes on the wire: building it as characters and then a String
 * (which the driver encodes again) was a third of {@code restore}'s CPU time.
 */
public final class WireRows {
    /** MAKE_ARRAY's term number. */
    static final int MAKE_ARRAY = 2;
    /**
     * Non-finite numbers become strings, as the driver's own mapper writes them. A surrogate is
     * written as its JSON escape (a backslash, u, four hex digits), so a character outside the
     * BMP reaches the server as the same character, and a lone surrogate as itself (Jackson's
     * option to combine pairs into four bytes instead merges a lone one with the next character).
     */
    private static final JsonFactory JSON = new JsonFactory();

    private final ByteArrayBuilder text = new ByteArrayBuilder();
    private JsonGenerator generator;
    private int count;

    public WireRows() {
        start();
    }

    private void start() {
        try {
            generator = JSON.createGenerator(text, JsonEncoding.UTF8);
            generator.writeStartArray();
            generator.writeNumber(MAKE_ARRAY);
            generator.writeStartArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        count = 0;
    }

    /** Rows added since the last {@link #take()}. */
    public int count() {
        return count;
    }

    /** The generator a reader copies one row into; it then calls {@link #rowAdded()}. */
    JsonGenerator generator() {
        return generator;
    }

    void rowAdded() {
        count++;
    }

    /** Adds a decoded row (Map, List, String, Number, Boolean, null values). */
    public void add(Map<String, Object> row) throws IOException {
        write(row);
        count++;
    }

    private void write(Object value) throws IOException {
        JsonGenerator g = generator;
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof List<?> list) {
            g.writeStartArray();
            g.writeNumber(MAKE_ARRAY);
            g.writeStartArray();
            for (Object item : list) {
                write(item);
            }
            g.writeEndArray();
            g.writeEndArray();
        } else if (value instanceof Double || value instanceof Float) {
            g.writeNumber(((Number) value).doubleValue());
        } else if (value instanceof BigDecimal big) {
            g.writeNumber(big);
        } else if (value instanceof BigInteger big) {
            g.writeNumber(big);
        } else if (value instanceof Number n) {
            g.writeNumber(n.longValue());
        } else {
            throw new IllegalArgumentException("cannot send " + value.getClass().getName() + " as JSON");
        }
    }

    /** The batch's text in UTF-8, {@code [2, [rows]]}; the next rows start a new batch. */
    public byte[] take() {
        try {
            generator.writeEndArray();
            generator.writeEndArray();
            generator.close();
            byte[] done = text.toByteArray();
            text.reset();
            start();
            return done;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
