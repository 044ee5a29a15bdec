package io.reqldb.rethinkdata;

/** Little-endian reads from byte arrays: RethinkDB writes its on-disk structures in host order (x86). */
final class Bytes {
    private Bytes() {}

    static int u8(byte[] b, int at) {
        return b[at] & 0xFF;
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    static int i32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    static long i64(byte[] b, int at) {
        return (i32(b, at) & 0xFFFFFFFFL) | (long) i32(b, at + 4) << 32;
    }

    /** True when {@code b[at..]} starts with the ASCII {@code magic}. */
    static boolean startsWith(byte[] b, int at, String magic) {
        if (at + magic.length() > b.length) {
            return false;
        }
        for (int i = 0; i < magic.length(); i++) {
            if (b[at + i] != magic.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Four bytes of a block magic as text, for messages. */
    static String magic(byte[] b, int at) {
        StringBuilder s = new StringBuilder();
        for (int i = at; i < at + 4 && i < b.length; i++) {
            int c = b[i] & 0xFF;
            s.append(c >= 0x20 && c < 0x7F ? (char) c : '?');
        }
        return s.toString();
    }
}
