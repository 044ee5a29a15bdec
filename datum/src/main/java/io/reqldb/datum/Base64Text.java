package io.reqldb.datum;

import java.io.ByteArrayOutputStream;

/**
 * Decodes the {@code data} of a BINARY pseudo-type the way RethinkDB does: whitespace is skipped,
 * padding is optional, and decoding stops at the first {@code =}, after which only padding and
 * whitespace may follow. What it refuses it refuses with RethinkDB's own words.
 */
public final class Base64Text {
    private Base64Text() {
    }

    /** Thrown for text RethinkDB refuses; the message is RethinkDB's. */
    public static final class InvalidBase64Exception extends IllegalArgumentException {
        InvalidBase64Exception(String message) {
            super(message);
        }
    }

    public static byte[] decode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() / 4 * 3);
        int[] chunk = new int[4];
        int filled = 0;
        int i = 0;
        for (; i < text.length() && text.charAt(i) != '='; i++) {
            char c = text.charAt(i);
            if (isWhitespace(c)) {
                continue;
            }
            chunk[filled++] = value(c);
            if (filled == 4) {
                out.write((chunk[0] << 2) | (chunk[1] >> 4));
                out.write(((chunk[1] & 0xF) << 4) | (chunk[2] >> 2));
                out.write(((chunk[2] & 0x3) << 6) | chunk[3]);
                filled = 0;
            }
        }
        if (filled == 1) {
            throw new InvalidBase64Exception("Invalid base64 length: 1 character remaining, cannot decode a full byte.");
        }
        if (filled >= 2) {
            out.write((chunk[0] << 2) | (chunk[1] >> 4));
        }
        if (filled == 3) {
            out.write(((chunk[1] & 0xF) << 4) | (chunk[2] >> 2));
        }
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '=' && !isWhitespace(c)) {
                throw new InvalidBase64Exception("Invalid base64 format, data found after padding character '='.");
            }
        }
        return out.toByteArray();
    }

    private static boolean isWhitespace(char c) {
        return c == '\r' || c == '\n' || c == ' ' || c == '\t';
    }

    private static int value(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        if (c == '+') {
            return 62;
        }
        if (c == '/') {
            return 63;
        }
        throw new InvalidBase64Exception("Invalid base64 character found: '" + c + "'.");
    }
}
