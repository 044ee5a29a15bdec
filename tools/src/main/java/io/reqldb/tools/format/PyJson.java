package io.reqldb.tools.format;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Encodes driver values (Map, List, String, Number, Boolean, null) the way Python's
 * {@code json.dumps} does with its defaults, so rows and {@code .info} files are byte-identical
 * to those of the official tools: ASCII only with lowercase {@code \\uXXXX} escapes,
 * {@code ", "} and {@code ": "} separators, keys in the order the server sent them.
 */
public final class PyJson {
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private PyJson() {}

    /** Returns the encoding of one value. */
    public static String encode(Object value) {
        AsciiBuffer out = new AsciiBuffer(256);
        append(out, value);
        return out.toString();
    }

    /** Appends the encoding of one value. */
    public static void append(StringBuilder out, Object value) {
        out.append(encode(value));
    }

    /** Appends the encoding of one value. */
    public static void append(AsciiBuffer out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            appendString(out, s);
        } else if (value instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (value instanceof Map<?, ?> map) {
            appendObject(out, map);
        } else if (value instanceof List<?> list) {
            appendArray(out, list);
        } else if (value instanceof Double || value instanceof Float) {
            PyFloat.append(out, ((Number) value).doubleValue());
        } else if (value instanceof BigDecimal big) {
            PyFloat.append(out, big.doubleValue());
        } else if (value instanceof Long || value instanceof Integer || value instanceof BigInteger
                || value instanceof Short || value instanceof Byte) {
            out.append(value.toString());
        } else {
            throw new IllegalArgumentException("cannot encode " + value.getClass().getName() + " as JSON");
        }
    }

    private static void appendObject(AsciiBuffer out, Map<?, ?> map) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!first) {
                out.append(", ");
            }
            first = false;
            appendString(out, String.valueOf(e.getKey()));
            out.append(": ");
            append(out, e.getValue());
        }
        out.append('}');
    }

    private static void appendArray(AsciiBuffer out, List<?> list) {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            append(out, list.get(i));
        }
        out.append(']');
    }

    /** Python's ESCAPE_ASCII: everything outside printable ASCII becomes an escape. */
    static void appendString(AsciiBuffer out, String s) {
        out.append('"');
        int n = s.length();
        int run = 0; // start of the current run of characters that need no escape
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= ' ' && c <= '~' && c != '"' && c != '\\') {
                continue;
            }
            out.appendAscii(s, run, i);
            run = i + 1;
            appendEscape(out, c);
        }
        out.appendAscii(s, run, n);
        out.append('"');
    }

    /** The escape of a character that is not printable ASCII, or is a quote or backslash. */
    static void appendEscape(AsciiBuffer out, char c) {
        switch (c) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            default -> {
                out.reserve(6);
                out.put((byte) '\\');
                out.put((byte) 'u');
                out.put(HEX[(c >> 12) & 0xf]);
                out.put(HEX[(c >> 8) & 0xf]);
                out.put(HEX[(c >> 4) & 0xf]);
                out.put(HEX[c & 0xf]);
            }
        }
    }
}
