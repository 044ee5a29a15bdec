package io.reqldb.rethinkdata;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * RethinkDB's serialization primitives ({@code containers/archive/}), read in sequence from a
 * byte array: fixed-width integers and doubles little-endian, bool as one byte, varints as
 * LEB128 (seven bits a byte, low first), strings as a varint length and the bytes, UUIDs as
 * their 16 bytes, {@code optional} as a bool then the value, containers (vector, set, map,
 * std::array) as a varint count then the elements, {@code boost::variant} as a one-byte, one-based,
 * alternative number then the value. Running out of bytes is a damaged value.
 */
public final class Serial {
    private final byte[] b;
    private int at;
    private final int end;

    public Serial(byte[] b) {
        this(b, 0, b.length);
    }

    public Serial(byte[] b, int from, int end) {
        this.b = b;
        this.at = from;
        this.end = end;
    }

    public int position() {
        return at;
    }

    public boolean atEnd() {
        return at >= end;
    }

    public byte[] array() {
        return b;
    }

    private void need(int n) {
        if (n < 0 || at + n > end) {
            throw new RethinkDataException("serialized value cut short at byte " + at + " (needs " + n + " more of "
                    + (end - at) + ")");
        }
    }

    public int u8() {
        need(1);
        return b[at++] & 0xFF;
    }

    public boolean bool() {
        int v = u8();
        if (v > 1) {
            throw new RethinkDataException("bool of value " + v + " at byte " + (at - 1));
        }
        return v == 1;
    }

    public int i32() {
        need(4);
        int v = Bytes.i32(b, at);
        at += 4;
        return v;
    }

    public long i64() {
        need(8);
        long v = Bytes.i64(b, at);
        at += 8;
        return v;
    }

    public double f64() {
        return Double.longBitsToDouble(i64());
    }

    public long varint() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int c = u8();
            v |= (long) (c & 0x7F) << shift;
            if ((c & 0x80) == 0) {
                return v;
            }
        }
        throw new RethinkDataException("varint longer than ten bytes at byte " + at);
    }

    /** A count of elements, checked against the bytes left (each element takes at least one). */
    public int count() {
        long n = varint();
        if (n < 0 || n > end - at) {
            throw new RethinkDataException("count " + n + " exceeds the " + (end - at) + " bytes left at byte " + at);
        }
        return (int) n;
    }

    public byte[] bytes(int n) {
        need(n);
        byte[] v = new byte[n];
        System.arraycopy(b, at, v, 0, n);
        at += n;
        return v;
    }

    public void skip(int n) {
        need(n);
        at += n;
    }

    public String string() {
        int n = count();
        need(n);
        String s = new String(b, at, n, StandardCharsets.UTF_8);
        at += n;
        return s;
    }

    public UUID uuid() {
        need(16);
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = hi << 8 | (b[at + i] & 0xFF);
            lo = lo << 8 | (b[at + 8 + i] & 0xFF);
        }
        at += 16;
        return new UUID(hi, lo);
    }
}
