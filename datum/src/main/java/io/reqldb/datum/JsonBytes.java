package io.reqldb.datum;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Pieces of JSON text appended as bytes, exactly as {@link DatumJson}'s generator writes them,
 * for writers that produce JSON without building values first ({@link EncodedObject}).
 */
public final class JsonBytes {
    /**
     * For each byte of a UTF-8 string: 0 when it is written as it is, otherwise the letter of its
     * short escape ({@code \n}...), {@code 'u'} for the six-character form, or {@code 's'} for the
     * first byte of a four-byte sequence. As the generator escapes: control characters, the quote,
     * the backslash, and characters beyond U+FFFF (as a surrogate pair of {@code \}{@code u}
     * escapes); not {@code /}, DEL or other non-ASCII characters.
     */
    private static final byte[] ESCAPE = new byte[256];
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPE[c] = 'u';
        }
        ESCAPE['\b'] = 'b';
        ESCAPE['\t'] = 't';
        ESCAPE['\n'] = 'n';
        ESCAPE['\f'] = 'f';
        ESCAPE['\r'] = 'r';
        ESCAPE['"'] = '"';
        ESCAPE['\\'] = '\\';
        for (int lead = 0xF0; lead <= 0xF4; lead++) {
            ESCAPE[lead] = 's';
        }
    }

    private JsonBytes() {}

    /** A string value from its UTF-8 bytes, quoted and escaped. */
    public static void string(ByteBuilder out, byte[] utf8, int offset, int length) {
        int end = offset + length;
        // Most strings need no escape at all: found in one scan, then copied in one piece.
        int plainEnd = plainPrefix(utf8, offset, end);
        out.ensure(length + 2);
        out.putUnchecked('"');
        out.putUnchecked(utf8, offset, plainEnd - offset);
        if (plainEnd < end) {
            escapeRest(out, utf8, plainEnd, end);
        }
        out.put('"');
    }

    /** An object key and its colon ({@code "key":}), from the key's UTF-8 bytes. */
    public static void key(ByteBuilder out, byte[] utf8, int offset, int length) {
        string(out, utf8, offset, length);
        out.put(':');
    }

    /** Where the first byte that needs escaping is, or {@code end}: sixteen, then eight bytes at a time. */
    private static int plainPrefix(byte[] utf8, int i, int end) {
        while (i + 2 * Long.BYTES <= end
                && ((hits((long) LONGS.get(utf8, i)) | hits((long) LONGS.get(utf8, i + Long.BYTES))) & HIGHS) == 0) {
            i += 2 * Long.BYTES;
        }
        if (i + Long.BYTES <= end && (hits((long) LONGS.get(utf8, i)) & HIGHS) == 0) {
            i += Long.BYTES;
        }
        while (i < end && ESCAPE[utf8[i] & 0xFF] == 0) {
            i++;
        }
        return i;
    }

    /** Writes {@code utf8[i, end)}, which starts with a byte that needs escaping. */
    private static void escapeRest(ByteBuilder out, byte[] utf8, int i, int end) {
        int run = i;
        while (i < end) {
            byte escape = ESCAPE[utf8[i] & 0xFF];
            if (escape == 0) {
                i++;
                continue;
            }
            out.put(utf8, run, i - run);
            if (escape == 's') {
                int codePoint = (utf8[i] & 0x07) << 18 | (utf8[i + 1] & 0x3F) << 12
                        | (utf8[i + 2] & 0x3F) << 6 | utf8[i + 3] & 0x3F;
                unicodeEscape(out, Character.highSurrogate(codePoint));
                unicodeEscape(out, Character.lowSurrogate(codePoint));
                i += 4;
            } else {
                if (escape == 'u') {
                    unicodeEscape(out, (char) utf8[i]);
                } else {
                    out.put('\\').put(escape);
                }
                i++;
            }
            run = i;
            i = plainPrefix(utf8, i, end);
        }
        out.put(utf8, run, end - run);
    }

    /**
     * For eight bytes, the high bit of each that may need escaping: below a space, a quote, a
     * backslash or a byte from 0xF0 up (where four-byte sequences start); other bits are noise.
     * Each test sets a byte's high bit when it hits (the classic "has a zero byte" and "has a
     * byte less than n" word tricks).
     */
    private static long hits(long w) {
        long quote = w ^ (ONES * '"');
        long backslash = w ^ (ONES * '\\');
        long lead = (w & (ONES * 0xF0)) ^ (ONES * 0xF0);
        return ((w - ONES * ' ') & ~w)
                | ((quote - ONES) & ~quote)
                | ((backslash - ONES) & ~backslash)
                | ((lead - ONES) & ~lead);
    }

    private static void unicodeEscape(ByteBuilder out, char c) {
        out.ensure(6);
        out.putUnchecked('\\');
        out.putUnchecked('u');
        out.putUnchecked(HEX[c >> 12]);
        out.putUnchecked(HEX[c >> 8 & 0xF]);
        out.putUnchecked(HEX[c >> 4 & 0xF]);
        out.putUnchecked(HEX[c & 0xF]);
    }

    /** A number as RethinkDB prints it ({@link DatumJson#formatNumber}). */
    public static void number(ByteBuilder out, double v) {
        if (DatumJson.isPrintedAsInteger(v)) {
            out.putDecimal((long) v); // the common case, without a String
        } else {
            ascii(out, DatumJson.formatNumber(v));
        }
    }

    /** A TIME as its pseudo-type object, from its epoch seconds and its zone's UTF-8 bytes. */
    public static void time(ByteBuilder out, double epochSeconds, byte[] zone, int offset, int length) {
        ascii(out, "{\"" + ObjectDatum.REQL_TYPE + "\":\"TIME\",\"epoch_time\":");
        number(out, epochSeconds);
        ascii(out, ",\"timezone\":");
        string(out, zone, offset, length);
        out.put('}');
    }

    /** A BINARY as its pseudo-type object, its bytes in base64 as RethinkDB sends them. */
    public static void binary(ByteBuilder out, byte[] bytes, int offset, int length) {
        ascii(out, "{\"" + ObjectDatum.REQL_TYPE + "\":\"BINARY\",\"data\":");
        byte[] base64 = DatumJson.BASE64.encode(Arrays.copyOfRange(bytes, offset, offset + length));
        string(out, base64, 0, base64.length);
        out.put('}');
    }

    /** ASCII text as it is: keys and pseudo-type names that need no escaping, numbers. */
    public static void ascii(ByteBuilder out, String text) {
        int n = text.length();
        out.ensure(n);
        for (int i = 0; i < n; i++) {
            out.putUnchecked(text.charAt(i));
        }
    }
}
