package io.reqldb.storage.rocksdb;

import io.reqldb.datum.ByteBuilder;
import io.reqldb.datum.JsonBytes;

/**
 * Writes a stored record as JSON text in one pass over its bytes, the same text that
 * {@link io.reqldb.datum.DatumJson} writes for the decoded value: strings are stored as UTF-8 and
 * only need escaping, keys are stored in the order objects are written in. A record whose keys
 * are out of that order (none that this release writes, but the decoder accepts them) is refused,
 * and then written from its decoded value.
 */
final class DocumentJson extends RecordCursor {
    private final ByteBuilder out;

    private DocumentJson(byte[] record, ByteBuilder out) {
        super(record);
        this.out = out;
    }

    /** Appends the record's JSON; false when its keys are out of order. */
    static boolean append(byte[] record, ByteBuilder out) {
        DocumentJson writer = new DocumentJson(record, out);
        return writer.value();
    }

    private boolean value() {
        int tag = b[pos++] & 0xFF;
        if (tag >= DocumentCodec.FIXINT && tag <= DocumentCodec.FIXINT + DocumentCodec.FIX_MAX) {
            out.putDecimal(tag - DocumentCodec.FIXINT);
            return true;
        }
        if (tag >= DocumentCodec.FIXSTR && tag <= DocumentCodec.FIXSTR + DocumentCodec.FIX_MAX) {
            int n = tag - DocumentCodec.FIXSTR;
            JsonBytes.string(out, b, pos, n);
            pos += n;
            return true;
        }
        switch (tag) {
            case DocumentCodec.NULL -> JsonBytes.ascii(out, "null");
            case DocumentCodec.FALSE -> JsonBytes.ascii(out, "false");
            case DocumentCodec.TRUE -> JsonBytes.ascii(out, "true");
            case DocumentCodec.INTEGER -> {
                long z = varint();
                out.putDecimal((z >>> 1) ^ -(z & 1));
            }
            case DocumentCodec.DOUBLE -> JsonBytes.number(out, Double.longBitsToDouble(fixed64()));
            case DocumentCodec.STRING -> {
                int n = (int) varint();
                JsonBytes.string(out, b, pos, n);
                pos += n;
            }
            case DocumentCodec.ARRAY -> {
                return array((int) varint());
            }
            case DocumentCodec.OBJECT -> {
                return object((int) varint());
            }
            case DocumentCodec.TIME -> {
                double epoch = Double.longBitsToDouble(fixed64());
                int n = (int) varint();
                JsonBytes.time(out, epoch, b, pos, n);
                pos += n;
            }
            case DocumentCodec.BINARY -> {
                int n = (int) varint();
                JsonBytes.binary(out, b, pos, n);
                pos += n;
            }
            default -> throw new IllegalArgumentException("bad document tag " + tag + " at " + (pos - 1));
        }
        return true;
    }

    private boolean array(int n) {
        out.put('[');
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.put(',');
            }
            if (!value()) {
                return false;
            }
        }
        out.put(']');
        return true;
    }

    private boolean object(int n) {
        out.put('{');
        int prevStart = 0;
        int prevEnd = 0;
        for (int i = 0; i < n; i++) {
            int len = (int) varint();
            int start = pos;
            if (i > 0) {
                if (!ascending(prevStart, prevEnd, start, start + len)) {
                    return false;
                }
                out.put(',');
            }
            JsonBytes.key(out, b, start, len);
            pos = start + len;
            prevStart = start;
            prevEnd = pos;
            if (!value()) {
                return false;
            }
        }
        out.put('}');
        return true;
    }

    /**
     * Whether the key at {@code [start, end)} sorts after the one at {@code [prevStart, prevEnd)}
     * (unsigned bytes). Keys are short and mostly differ in their first byte: a plain loop beats
     * {@link java.util.Arrays#compareUnsigned}'s range checks and vectorised set-up.
     */
    private boolean ascending(int prevStart, int prevEnd, int start, int end) {
        int common = Math.min(prevEnd - prevStart, end - start);
        for (int i = 0; i < common; i++) {
            int previous = b[prevStart + i] & 0xFF;
            int next = b[start + i] & 0xFF;
            if (previous != next) {
                return previous < next;
            }
        }
        return prevEnd - prevStart < end - start;
    }
}
