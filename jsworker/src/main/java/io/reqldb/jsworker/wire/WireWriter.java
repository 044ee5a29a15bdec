package io.reqldb.jsworker.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds one frame of the {@link Protocol}: the length prefix is left blank while the body is
 * written and filled in by {@link #frame()}. Reusable after {@link #reset()}.
 */
public final class WireWriter {
    private byte[] buf = new byte[256];
    private int size = 4;

    /** Starts a new frame, keeping the buffer. */
    public WireWriter reset() {
        size = 4;
        return this;
    }

    public WireWriter writeByte(int b) {
        ensure(1);
        buf[size++] = (byte) b;
        return this;
    }

    public WireWriter writeInt(int v) {
        ensure(4);
        buf[size++] = (byte) (v >>> 24);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
        return this;
    }

    public WireWriter writeLong(long v) {
        writeInt((int) (v >>> 32));
        return writeInt((int) v);
    }

    public WireWriter writeDouble(double v) {
        return writeLong(Double.doubleToRawLongBits(v));
    }

    public WireWriter writeString(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        writeInt(utf8.length);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, buf, size, utf8.length);
        size += utf8.length;
        return this;
    }

    /** A tagged number value. */
    public WireWriter number(double v) {
        return writeByte(Protocol.NUMBER).writeDouble(v);
    }

    /** A tagged string value. */
    public WireWriter string(String s) {
        return writeByte(Protocol.STRING).writeString(s);
    }

    /** Bytes written so far into the body, after the length prefix. */
    public int bodySize() {
        return size - 4;
    }

    /** The finished frame: length prefix and body. */
    public byte[] frame() {
        sealLength();
        return Arrays.copyOf(buf, size);
    }

    /** Writes the finished frame to {@code out} without copying it. */
    public void writeFrameTo(OutputStream out) throws IOException {
        sealLength();
        out.write(buf, 0, size);
    }

    private void sealLength() {
        int n = size - 4;
        buf[0] = (byte) (n >>> 24);
        buf[1] = (byte) (n >>> 16);
        buf[2] = (byte) (n >>> 8);
        buf[3] = (byte) n;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            long wanted = Math.max((long) buf.length * 2, (long) size + more);
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("frame over 2 GB");
            }
            buf = Arrays.copyOf(buf, (int) wanted);
        }
    }
}
