package io.reqldb.tools.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.rethinkdb.utils.Internals;
import io.reqldb.tools.conn.RawJson;
import io.reqldb.tools.format.RowWriter;
import java.io.IOException;

/**
 * The answer to a {@link PageQuery}, {@code {"t": 1, "r": [[count, [last key], [rows]]], ...}},
 * read in place: the count and last key are decoded as the driver would decode them, the rows
 * are left as JSON text for the caller to walk with {@link #nextRow}.
 */
final class RawPage {
    private static final JsonFactory JSON = new JsonFactory();

    private final byte[] bytes;
    private final int count;
    private final Object lastKey;
    private final int length;
    /** Where the next row (or the closing bracket, or a comma) is. */
    private int at;

    private RawPage(byte[] bytes, int rowsStart, int count, Object lastKey, int length) {
        this.bytes = bytes;
        this.at = rowsStart;
        this.count = count;
        this.lastKey = lastKey;
        this.length = length;
    }

    /** Reads up to the first row. */
    static RawPage open(RawJson raw) throws IOException {
        try (JsonParser p = JSON.createParser(raw.bytes(), raw.offset(), raw.length())) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (true) {
                expect(p.nextToken(), JsonToken.FIELD_NAME);
                boolean isResult = "r".equals(p.currentName());
                p.nextToken();
                if (isResult) {
                    break;
                }
                p.skipChildren();
            }
            expect(p.currentToken(), JsonToken.START_ARRAY); // r
            expect(p.nextToken(), JsonToken.START_ARRAY); // the datum: [count, [last key], rows]
            expect(p.nextToken(), JsonToken.VALUE_NUMBER_INT);
            int count = p.getIntValue();
            expect(p.nextToken(), JsonToken.START_ARRAY); // [last key] or []
            Object lastKey = null;
            if (p.nextToken() != JsonToken.END_ARRAY) {
                lastKey = Internals.getInternalMapper().readValue(p, Object.class);
                expect(p.nextToken(), JsonToken.END_ARRAY);
            }
            expect(p.nextToken(), JsonToken.START_ARRAY); // rows
            // Offsets count from the start of the parsed range.
            int bracket = raw.offset() + (int) p.currentTokenLocation().getByteOffset();
            if (raw.bytes()[bracket] != '[') {
                throw new IOException("unexpected page answer from the server: no rows array at byte " + bracket);
            }
            return new RawPage(raw.bytes(), bracket + 1, count, lastKey, raw.length());
        }
    }

    /** The number of rows. */
    int count() {
        return count;
    }

    /** The primary key of the page's last row, or null for an empty page. */
    Object lastKey() {
        return lastKey;
    }

    /** The size of the answer, for sizing the next page. */
    int bytes() {
        return length;
    }

    /** The answer's bytes, in which {@link #nextRow} gives positions. */
    byte[] array() {
        return bytes;
    }

    /**
     * The position of the next row's opening brace, or -1 after the last; the caller then
     * reports where that row ends through {@link #rowEnds}.
     */
    int nextRow() throws IOException {
        while (at < bytes.length) {
            byte c = bytes[at];
            if (c == '{') {
                return at;
            }
            if (c == ']') {
                return -1;
            }
            if (c != ',' && c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                throw new IOException("unexpected page answer from the server: a row that is not an object at byte " + at);
            }
            at++;
        }
        throw new IOException("page answer cut short");
    }

    /** Writes the next row, as text, through {@code writer}; false after the last one. */
    boolean writeNextRow(RowWriter writer) throws IOException {
        int start = nextRow();
        if (start < 0) {
            return false;
        }
        at = writer.writeJson(bytes, start);
        return true;
    }

    /** The current row ends just before {@code end}. */
    void rowEnds(int end) {
        at = end;
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("unexpected page answer from the server: " + actual + " where " + expected
                    + " belongs");
        }
    }
}
