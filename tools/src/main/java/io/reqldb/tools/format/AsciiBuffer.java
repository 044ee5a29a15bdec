package io.reqldb.tools.format;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer for ASCII text (what {@link PyJson} produces), reused row after row. */
public final class AsciiBuffer {
    private byte[] bytes;
    private int length;

    public AsciiBuffer(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    /** Empties the buffer, keeping its capacity. */
    public void clear() {
        length = 0;
    }

    public int length() {
        return length;
    }

    /** Makes room for {@code n} more bytes; small, so that the quick compiler inlines it everywhere. */
    void reserve(int n) {
        if (length + n > bytes.length) {
            grow(n);
        }
    }

    private void grow(int n) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
    }

    public AsciiBuffer append(char c) {
        reserve(1);
        bytes[length++] = (byte) c;
        return this;
    }

    /** Appends an ASCII string. */
    public AsciiBuffer append(String s) {
        appendAscii(s, 0, s.length());
        return this;
    }

    /** Appends chars {@code from..to} of {@code s}, all printable ASCII. */
    void appendAscii(String s, int from, int to) {
        reserve(to - from);
        byte[] b = bytes;
        int at = length;
        for (int i = from; i < to; i++) {
            b[at++] = (byte) s.charAt(i);
        }
        length = at;
    }

    /** Appends bytes {@code from..to} of {@code src}. */
    public void append(byte[] src, int from, int to) {
        reserve(to - from);
        System.arraycopy(src, from, bytes, length, to - from);
        length += to - from;
    }

    /** Appends a byte the caller reserved room for. */
    void put(byte b) {
        bytes[length++] = b;
    }

    /** A copy of the bytes. */
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, length);
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }
}
