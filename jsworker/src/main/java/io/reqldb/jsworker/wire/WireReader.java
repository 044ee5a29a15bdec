package io.reqldb.jsworker.wire;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Reads the body of one {@link Protocol} frame; malformed input throws {@link IllegalStateException}. */
public final class WireReader {
    private final byte[] buf;
    private int pos;

    public WireReader(byte[] body) {
        this.buf = body;
    }

    /**
     * Reads one frame's body from {@code in}, or returns null at a clean end of stream.
     *
     * @param maxBytes frames announcing more are refused (the peer is broken or hostile)
     */
    public static byte[] readFrame(DataInputStream in, int maxBytes) throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        int n = (first << 24) | (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
        if (n < 0 || n > maxBytes) {
            throw new IOException("frame of " + n + " bytes (limit " + maxBytes + ")");
        }
        byte[] body = new byte[n];
        try {
            in.readFully(body);
        } catch (EOFException e) {
            throw new EOFException("stream ended inside a frame");
        }
        return body;
    }

    public boolean atEnd() {
        return pos == buf.length;
    }

    public byte readByte() {
        need(1);
        return buf[pos++];
    }

    public int readInt() {
        need(4);
        int v = ((buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16) | ((buf[pos + 2] & 0xff) << 8) | (buf[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    public long readLong() {
        return ((long) readInt() << 32) | (readInt() & 0xffffffffL);
    }

    public double readDouble() {
        return Double.longBitsToDouble(readLong());
    }

    /** A count of following items, each at least one byte long: checked against what is left. */
    public int readCount() {
        int n = readInt();
        if (n < 0 || n > buf.length - pos) {
            throw new IllegalStateException("bad count " + n);
        }
        return n;
    }

    public String readString() {
        int n = readCount();
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    private void need(int n) {
        if (buf.length - pos < n) {
            throw new IllegalStateException("frame ends early");
        }
    }
}
