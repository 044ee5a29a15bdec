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
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private PyJson() {}

    /** Returns the encoding of one value. */
    public static String encode(Object value) {
        StringBuilder out = new StringBuilder(256);
        append(out, value);
        return out.toString();
    }

    /** Appends the encoding of one value. */
    public static void append(StringBuilder out, Object value) {
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
            out.append(PyFloat.repr(((Number) value).doubleValue()));
        } else if (value instanceof BigDecimal big) {
            out.append(PyFloat.repr(big.doubleValue()));
        } else if (value instanceof Long || value instanceof Integer || value instanceof BigInteger
                || value instanceof Short || value instanceof Byte) {
            out.append(value);
        } else {
            throw new IllegalArgumentException("cannot encode " + value.getClass().getName() + " as JSON");
        }
    }

    private static void appendObject(StringBuilder out, Map<?, ?> map) {
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

    private static void appendArray(StringBuilder out, List<?> list) {
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
    static void appendString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c >= ' ' && c <= '~') {
                        out.append(c);
                    } else {
                        out.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
                    }
                }
            }
        }
        out.append('"');
    }
}
