package io.reqldb.datum;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array for building keys and records without a stream per call. Not
 * thread-safe; callers reuse one per thread and {@link #reset} it between values, so the hot
 * write path allocates only the final copy.
 */
public final class ByteBuilder {
    private byte[] buf;
    private int len;

    public ByteBuilder() {
        this(64);
    }

    public ByteBuilder(int capacity) {
        buf = new byte[Math.max(capacity, 8)];
    }

    public ByteBuilder reset() {
        len = 0;
        return this;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    public ByteBuilder put(int b) {
        ensure(1);
        buf[len++] = (byte) b;
        return this;
    }

    public ByteBuilder put(byte[] bytes) {
        return put(bytes, 0, bytes.length);
    }

    public ByteBuilder put(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buf, len, length);
        len += length;
        return this;
    }

    /** Big-endian, so integer prefixes sort numerically for non-negative values. */
    public ByteBuilder putInt(int v) {
        ensure(4);
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    /** Big-endian. */
    public ByteBuilder putLong(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[len++] = (byte) (v >>> shift);
        }
        return this;
    }

    /** Unsigned LEB128: 7 bits a byte, low group first. */
    public ByteBuilder putVarint(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[len++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[len++] = (byte) v;
        return this;
    }

    /** The decimal digits of {@code v}, with a minus sign when negative. */
    public ByteBuilder putDecimal(long v) {
        if (v == Long.MIN_VALUE) {
            return put(Long.toString(v).getBytes(StandardCharsets.US_ASCII));
        }
        ensure(20);
        if (v < 0) {
            buf[len++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long rest = v / 10; rest != 0; rest /= 10) {
            digits++;
        }
        for (int at = len + digits - 1; at >= len; at--) {
            buf[at] = (byte) ('0' + v % 10);
            v /= 10;
        }
        len += digits;
        return this;
    }

    public int length() {
        return len;
    }

    /** The array the bytes are built in; valid up to {@link #length()} until the next change. */
    byte[] array() {
        return buf;
    }

    /** Makes room for {@code n} more bytes. */
    public void ensure(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }

    /** Writes directly at the end; for encoders that computed {@link #ensure} themselves. */
    void putUnchecked(int b) {
        buf[len++] = (byte) b;
    }

    /** {@link #put(byte[], int, int)} for encoders that computed {@link #ensure} themselves. */
    void putUnchecked(byte[] bytes, int offset, int length) {
        System.arraycopy(bytes, offset, buf, len, length);
        len += length;
    }
}
