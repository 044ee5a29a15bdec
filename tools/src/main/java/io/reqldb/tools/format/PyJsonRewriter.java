package io.reqldb.tools.format;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Rewrites the JSON text of an object or array, as a server sends it, into exactly what
 * {@link PyJson} writes for the value the driver would decode from it (integers as written, other
 * numbers through a double, keys in the order received), without decoding it: one pass over the
 * bytes that only changes separators, numbers with a fraction or exponent, and string escapes.
 * This is the dump's hot loop; decoding every row into maps and encoding them again costs
 * several times more, most of all in a short-lived process whose code is not yet compiled.
 *
 * <p>The input must be valid JSON in UTF-8 (a server's answer is); what is not raises an
 * IOException rather than being guessed at.
 */
public final class PyJsonRewriter {
    /** The bytes a string keeps as they are: printable ASCII but the quote and the backslash. */
    private static final boolean[] PLAIN = new boolean[256];

    static {
        for (int c = ' '; c < 0x7f; c++) {
            PLAIN[c] = c != '"' && c != '\\';
        }
    }

    /** Eight bytes of an array at a time, in the order in which the bytes are in the array. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    // Bytes, not strings: compared and copied without a character at a time.
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

    private PyJsonRewriter() {}

    /**
     * Appends the rewritten object or array that starts at {@code b[from]} and returns the index
     * just after it.
     */
    public static int rewrite(byte[] b, int from, AsciiBuffer out) throws IOException {
        int depth = 0;
        int i = from;
        int end = b.length;
        while (i < end) {
            byte c = b[i];
            switch (c) {
                case '{', '[' -> {
                    out.reserve(1);
                    out.put(c);
                    depth++;
                    i++;
                }
                case '}', ']' -> {
                    out.reserve(1);
                    out.put(c);
                    i++;
                    if (--depth == 0) {
                        return i;
                    }
                }
                case ',', ':' -> {
                    out.reserve(2);
                    out.put(c);
                    out.put((byte) ' ');
                    i++;
                }
                case ' ', '\t', '\n', '\r' -> i++;
                case '"' -> i = string(b, i, out);
                case 't' -> i = literal(b, i, TRUE, out);
                case 'f' -> i = literal(b, i, FALSE, out);
                case 'n' -> i = literal(b, i, NULL, out);
                default -> {
                    if (c != '-' && (c < '0' || c > '9')) {
                        throw malformed(b, i);
                    }
                    i = number(b, i, out);
                }
            }
            if (depth == 0) {
                throw malformed(b, from); // a scalar where an object or array belongs
            }
        }
        throw new IOException("JSON value cut short");
    }

    private static int literal(byte[] b, int i, byte[] word, AsciiBuffer out) throws IOException {
        int n = word.length;
        if (!Arrays.equals(b, i, Math.min(i + n, b.length), word, 0, n)) {
            throw malformed(b, i);
        }
        out.append(word, 0, n);
        return i + n;
    }

    /**
     * An integer is copied as written (the driver reads it exactly); any other number is what
     * the driver reads it as, a double, written as Python would.
     */
    static int number(byte[] b, int start, AsciiBuffer out) {
        int i = start;
        boolean integral = true;
        while (i < b.length) {
            byte c = b[i];
            if (c >= '0' && c <= '9' || c == '-') {
                i++;
            } else if (c == '.' || c == 'e' || c == 'E' || c == '+') {
                integral = false;
                i++;
            } else {
                break;
            }
        }
        if (integral) {
            if (i - start == 2 && b[start] == '-' && b[start + 1] == '0') {
                out.append('0'); // -0 reads as the integer 0
            } else {
                out.append(b, start, i);
            }
        } else if (!PyFloat.appendDecimal(out, b, start, i)) {
            PyFloat.append(out, Double.parseDouble(new String(b, start, i - start, StandardCharsets.ISO_8859_1)));
        }
        return i;
    }

    /**
     * Re-escapes a string as Python's ensure_ascii does; {@code i} is at the opening quote. A
     * string that needs no escapes, most of them, is copied in one piece with its quotes.
     */
    static int string(byte[] b, int i, AsciiBuffer out) throws IOException {
        int run = i; // the start of the bytes still to copy as they are
        i++;
        while (true) {
            i = plainRunEnd(b, i);
            if (i >= b.length) {
                throw new IOException("JSON string cut short");
            }
            int c = b[i];
            if (c == '"') {
                out.append(b, run, i + 1);
                return i + 1;
            }
            out.append(b, run, i);
            if (c == '\\') {
                if (i + 1 >= b.length) {
                    throw new IOException("JSON string cut short");
                }
                i = escape(b, i + 1, out);
            } else if (c >= 0) {
                unit(c, out); // a control character or DEL
                i++;
            } else {
                i = utf8(b, i, out);
            }
            run = i;
        }
    }

    /**
     * Where the run of bytes that a string keeps as they are, starting at {@code i}, ends. The
     * dump's tightest loop: it tests eight bytes at a time while it can, which is several times
     * quicker on long strings than a table lookup per byte, even with only the quick compiler.
     */
    private static int plainRunEnd(byte[] b, int i) {
        return plainRunEnd(b, i, b.length);
    }

    /** The end of the run of bytes from {@code i} (before {@code end}) that a string keeps as they are. */
    static int plainRunEnd(byte[] b, int i, int end) {
        while (i + Long.BYTES <= end) {
            long w = (long) LONGS.get(b, i);
            long quote = w ^ (ONES * '"');
            long backslash = w ^ (ONES * '\\');
            // Some high bit of special is set when any byte is below ' ', above '~', or a quote
            // or backslash (the classic has-less and has-zero-byte tests, Hacker's Delight 6-1).
            long special = (w - ONES * ' ') & ~w | (w + ONES) | w | (quote - ONES) & ~quote
                    | (backslash - ONES) & ~backslash;
            if ((special & HIGHS) != 0) {
                break;
            }
            i += Long.BYTES;
        }
        while (i < end && PLAIN[b[i] & 0xff]) {
            i++;
        }
        return i;
    }

    /** An escape sequence, re-escaped as Python would; {@code i} is just after the backslash. */
    private static int escape(byte[] b, int i, AsciiBuffer out) throws IOException {
        char unit = switch (b[i]) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> hex4(b, i + 1);
            default -> throw malformed(b, i);
        };
        unit(unit, out);
        return b[i] == 'u' ? i + 5 : i + 1;
    }

    private static char hex4(byte[] b, int i) throws IOException {
        if (i + 4 > b.length) {
            throw new IOException("JSON string cut short");
        }
        int unit = 0;
        for (int k = 0; k < 4; k++) {
            int digit = Character.digit(b[i + k], 16);
            if (digit < 0) {
                throw malformed(b, i + k);
            }
            unit = unit << 4 | digit;
        }
        return (char) unit;
    }

    /** One UTF-16 code unit as {@link PyJson} writes it. */
    private static void unit(int c, AsciiBuffer out) {
        if (c >= ' ' && c < 0x7f && c != '"' && c != '\\') {
            out.append((char) c);
            return;
        }
        PyJson.appendEscape(out, (char) c);
    }

    /** A multi-byte UTF-8 sequence at {@code i}, escaped as one code unit or a surrogate pair. */
    private static int utf8(byte[] b, int i, AsciiBuffer out) throws IOException {
        int lead = b[i] & 0xff;
        int n;
        int cp;
        if (lead >= 0xc2 && lead <= 0xdf) {
            n = 1;
            cp = lead & 0x1f;
        } else if (lead >= 0xe0 && lead <= 0xef) {
            n = 2;
            cp = lead & 0x0f;
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            n = 3;
            cp = lead & 0x07;
        } else {
            throw new IOException("invalid UTF-8 in JSON at byte " + i);
        }
        if (i + n >= b.length) {
            throw new IOException("invalid UTF-8 in JSON at byte " + i);
        }
        for (int k = 1; k <= n; k++) {
            int cont = b[i + k] & 0xff;
            if ((cont & 0xc0) != 0x80) {
                throw new IOException("invalid UTF-8 in JSON at byte " + i);
            }
            cp = cp << 6 | (cont & 0x3f);
        }
        if (n == 2 && (cp < 0x800 || cp >= 0xd800 && cp <= 0xdfff) || n == 3 && (cp < 0x10000 || cp > 0x10ffff)) {
            throw new IOException("invalid UTF-8 in JSON at byte " + i);
        }
        if (cp >= 0x10000) {
            unit(Character.highSurrogate(cp), out);
            unit(Character.lowSurrogate(cp), out);
        } else {
            unit(cp, out);
        }
        return i + n + 1;
    }

    private static IOException malformed(byte[] b, int i) {
        return new IOException("malformed JSON at byte " + i);
    }
}
