package io.reqldb.datum;

/**
 * Reads the base64 text of a BINARY pseudo-type the way RethinkDB does, which is more lenient
 * than {@link java.util.Base64} in some ways and stricter in others: spaces, tabs and line breaks
 * are skipped, padding may be missing and the bits it would pad are ignored, but any other
 * character outside the alphabet is an error, and so is text after the first {@code =}.
 * Errors are {@link DatumJson.DatumJsonException}s with RethinkDB's messages.
 */
final class Base64Data {
    private Base64Data() {
    }

    static byte[] decode(String text) {
        ByteBuilder out = new ByteBuilder(text.length() / 4 * 3 + 3);
        int[] chunk = new int[4];
        int filled = 0;
        int i = 0;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '=') {
                break;
            }
            if (isSpace(c)) {
                continue;
            }
            chunk[filled++] = value(c);
            if (filled == 4) {
                emit(chunk, 3, out);
                filled = 0;
            }
        }
        if (filled == 1) {
            throw new DatumJson.DatumJsonException(
                    "Invalid base64 length: 1 character remaining, cannot decode a full byte.", null);
        }
        if (filled > 0) {
            emit(chunk, filled - 1, out);
        }
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '=' && !isSpace(c)) {
                throw new DatumJson.DatumJsonException(
                        "Invalid base64 format, data found after padding character '='.", null);
            }
        }
        return out.toByteArray();
    }

    /** The first {@code bytes} bytes of a chunk of four 6-bit values (missing ones count as 0). */
    private static void emit(int[] chunk, int bytes, ByteBuilder out) {
        int bits = (chunk[0] << 18) | (chunk[1] << 12) | (bytes > 1 ? chunk[2] << 6 : 0) | (bytes > 2 ? chunk[3] : 0);
        for (int k = 0; k < bytes; k++) {
            out.put((bits >> (16 - 8 * k)) & 0xFF);
        }
    }

    private static boolean isSpace(char c) {
        return c == '\r' || c == '\n' || c == ' ' || c == '\t';
    }

    private static int value(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        } else if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        } else if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        } else if (c == '+') {
            return 62;
        } else if (c == '/') {
            return 63;
        }
        throw new DatumJson.DatumJsonException("Invalid base64 character found: '" + c + "'.", null);
    }
}
