package io.reqldb.rethinkdata;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Builds bytes as RethinkDB serializes them (little-endian, LEB128 varints), for hand-made test inputs. */
final class Out {
    private final ByteArrayOutputStream b = new ByteArrayOutputStream();

    Out u8(int v) {
        b.write(v);
        return this;
    }

    Out i16(int v) {
        return u8(v & 0xFF).u8(v >>> 8 & 0xFF);
    }

    Out i32(int v) {
        for (int i = 0; i < 4; i++) {
            b.write(v >>> (8 * i) & 0xFF);
        }
        return this;
    }

    Out i64(long v) {
        for (int i = 0; i < 8; i++) {
            b.write((int) (v >>> (8 * i)) & 0xFF);
        }
        return this;
    }

    Out f64(double v) {
        return i64(Double.doubleToRawLongBits(v));
    }

    Out varint(long v) {
        while ((v & ~0x7FL) != 0) {
            b.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        b.write((int) v);
        return this;
    }

    Out ascii(String s) {
        b.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** A std::string: varint length and bytes. */
    Out string(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        varint(bytes.length);
        b.writeBytes(bytes);
        return this;
    }

    Out bytes(byte[] bytes) {
        b.writeBytes(bytes);
        return this;
    }

    Out uuid(UUID id) {
        return i64Be(id.getMostSignificantBits()).i64Be(id.getLeastSignificantBits());
    }

    private Out i64Be(long v) {
        for (int i = 7; i >= 0; i--) {
            b.write((int) (v >>> (8 * i)) & 0xFF);
        }
        return this;
    }

    int size() {
        return b.size();
    }

    byte[] toBytes() {
        return b.toByteArray();
    }

    /** The bytes, zero-padded to {@code n}. */
    byte[] padded(int n) {
        byte[] out = new byte[n];
        byte[] in = b.toByteArray();
        System.arraycopy(in, 0, out, 0, in.length);
        return out;
    }
}
