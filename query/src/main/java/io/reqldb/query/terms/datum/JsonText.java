package io.reqldb.query.terms.datum;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.BoolDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumJson;
import io.reqldb.datum.DatumType;
import io.reqldb.datum.NullDatum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.eval.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * JSON text in and out as RethinkDB does it: {@link #parse} is a strict RFC 8259 parser whose
 * errors carry rapidjson's messages ("Failed to parse \"[1,2\" as JSON: Missing a comma or ']'
 * after an array element."); {@link #write} is the compact form of to_json_string.
 */
public final class JsonText {
    private final String text;
    private int pos;
    private int depth;

    private JsonText(String text) {
        this.text = text;
    }

    /** Compact JSON; r.minval and r.maxval cannot be written. */
    public static String write(Datum d) {
        checkWritable(d);
        return DatumJson.write(d);
    }

    /** "Cannot convert `r.minval` to JSON." when {@code d} holds r.minval or r.maxval anywhere. */
    public static void checkWritable(Datum d) {
        // Containers first: every result passes through here whole, and an object's type() may
        // cost a key lookup, which containers, never MINVAL or MAXVAL, do not need. Most of them
        // (all rows read from a table) know that nothing inside needs looking at.
        if (d instanceof ObjectDatum o) {
            if (!o.knownWithoutBounds()) {
                for (Datum value : o.fields().values()) {
                    checkWritable(value);
                }
            }
        } else if (d instanceof ArrayDatum a) {
            if (!a.knownWithoutBounds()) {
                for (Datum item : a.items()) {
                    checkWritable(item);
                }
            }
        } else if (d.type() == DatumType.MINVAL || d.type() == DatumType.MAXVAL) {
            throw new ReqlQueryLogicError("Cannot convert `" + d + "` to JSON.");
        }
    }

    public static Datum parse(String text) {
        if (text.indexOf('\0') >= 0) {
            throw new ReqlQueryLogicError("Encountered unescaped null byte in JSON string.");
        }
        JsonText p = new JsonText(text);
        try {
            p.skipSpace();
            if (p.pos >= text.length()) {
                throw new Fail("The document is empty.");
            }
            Datum d = p.value();
            p.skipSpace();
            if (p.pos < text.length()) {
                throw new Fail("The document root must not be followed by other values.");
            }
            return d;
        } catch (Fail f) {
            String shown = text.length() > 40 ? text.substring(0, 37) + "..." : text;
            throw new ReqlQueryLogicError("Failed to parse \"" + shown + "\" as JSON: " + f.getMessage());
        }
    }

    /** A parse error with rapidjson's text. */
    private static final class Fail extends RuntimeException {
        Fail(String message) {
            super(message, null, false, false);
        }
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    private int peek() {
        return pos < text.length() ? text.charAt(pos) : -1;
    }

    private Datum value() {
        int c = peek();
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return new StringDatum(string());
            case 't':
                return literal("true", BoolDatum.TRUE);
            case 'f':
                return literal("false", BoolDatum.FALSE);
            case 'n':
                return literal("null", NullDatum.INSTANCE);
            default:
                return number();
        }
    }

    private Datum literal(String word, Datum value) {
        if (!text.startsWith(word, pos)) {
            throw new Fail("Invalid value.");
        }
        pos += word.length();
        return value;
    }

    private Datum object() {
        enter();
        try {
            return objectBody();
        } finally {
            depth--;
        }
    }

    private Datum objectBody() {
        pos++;
        TreeMap<String, Datum> fields = ObjectDatum.newFieldMap();
        skipSpace();
        if (peek() == '}') {
            pos++;
            return ObjectDatum.EMPTY;
        }
        while (true) {
            if (peek() != '"') {
                throw new Fail("Missing a name for object member.");
            }
            String key = string();
            skipSpace();
            if (peek() != ':') {
                throw new Fail("Missing a colon after a name of object member.");
            }
            pos++;
            skipSpace();
            if (fields.put(key, value()) != null) {
                throw new ReqlQueryLogicError("Duplicate key " + DatumJson.write(new StringDatum(key)) + " in JSON.");
            }
            skipSpace();
            int c = peek();
            pos++;
            if (c == '}') {
                return PseudoTypes.build(fields);
            }
            if (c != ',') {
                throw new Fail("Missing a comma or '}' after an object member.");
            }
            skipSpace();
        }
    }

    private Datum array() {
        enter();
        try {
            return arrayBody();
        } finally {
            depth--;
        }
    }

    /** Values nest at most as deep as the server can send them back. */
    private void enter() {
        if (++depth > DatumJson.MAX_NESTING_DEPTH) {
            throw new Fail("Nesting depth exceeds " + DatumJson.MAX_NESTING_DEPTH + ".");
        }
    }

    private Datum arrayBody() {
        pos++;
        List<Datum> items = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            pos++;
            return ArrayDatum.EMPTY;
        }
        while (true) {
            items.add(value());
            skipSpace();
            int c = peek();
            pos++;
            if (c == ']') {
                return ArrayDatum.wrap(items);
            }
            if (c != ',') {
                throw new Fail("Missing a comma or ']' after an array element.");
            }
            skipSpace();
        }
    }

    private String string() {
        pos++;
        StringBuilder out = new StringBuilder();
        while (true) {
            int c = peek();
            if (c < 0) {
                throw new Fail("Missing a closing quotation mark in string.");
            }
            pos++;
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\') {
                int e = peek();
                pos++;
                switch (e) {
                    case '"', '\\', '/' -> out.append((char) e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> out.append(unicodeEscape());
                    default -> throw new Fail("Invalid escape character in string.");
                }
            } else if (c < 0x20) {
                throw new Fail("Invalid encoding in string.");
            } else {
                out.append((char) c);
            }
        }
    }

    private String unicodeEscape() {
        int cp = hex4();
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (!text.startsWith("\\u", pos)) {
                throw new Fail("The surrogate pair in string is invalid.");
            }
            pos += 2;
            int low = hex4();
            if (low < 0xDC00 || low > 0xDFFF) {
                throw new Fail("The surrogate pair in string is invalid.");
            }
            return new String(new char[] {(char) cp, (char) low});
        }
        return String.valueOf((char) cp);
    }

    private int hex4() {
        if (pos + 4 > text.length()) {
            throw new Fail("Incorrect hex digit after \\u escape in string.");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(pos + i), 16);
            if (d < 0) {
                throw new Fail("Incorrect hex digit after \\u escape in string.");
            }
            v = v * 16 + d;
        }
        pos += 4;
        return v;
    }

    private Datum number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        int c = peek();
        if (c == '0') {
            pos++;
        } else if (c >= '1' && c <= '9') {
            digits();
        } else {
            throw new Fail("Invalid value.");
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw new Fail("Miss fraction part in number.");
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw new Fail("Miss exponent in number.");
            }
            digits();
        }
        double v = Double.parseDouble(text.substring(start, pos));
        if (Double.isInfinite(v)) {
            throw new Fail("Number too big to be stored in double.");
        }
        return NumberDatum.of(v);
    }

    private void digits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
