package io.reqldb.storage.rocksdb;

import io.reqldb.datum.HeapSize;

/**
 * The heap a {@link DocumentCodec} record takes once decoded ({@link HeapSize}), found by walking
 * the record's tags and lengths without building anything: what a query's memory budget charges
 * for a document it buffers before it has looked inside it.
 */
final class DecodedHeapSize extends RecordCursor {
    private DecodedHeapSize(byte[] record) {
        super(record);
    }

    static long of(byte[] record) {
        return new DecodedHeapSize(record).value();
    }

    private long value() {
        int tag = b[pos++] & 0xFF;
        if (tag >= DocumentCodec.FIXSTR && tag <= DocumentCodec.FIXSTR + DocumentCodec.FIX_MAX) {
            return stringDatum(tag - DocumentCodec.FIXSTR);
        }
        switch (tag) {
            case DocumentCodec.INTEGER -> {
                varint();
                return HeapSize.number();
            }
            case DocumentCodec.DOUBLE -> {
                pos += 8;
                return HeapSize.number();
            }
            case DocumentCodec.STRING -> {
                return stringDatum((int) varint());
            }
            case DocumentCodec.BINARY -> {
                int n = (int) varint();
                pos += n;
                return HeapSize.binary(n);
            }
            case DocumentCodec.TIME -> {
                pos += 8;
                skipBytes();
                return HeapSize.time();
            }
            case DocumentCodec.ARRAY -> {
                long n = varint();
                long size = HeapSize.array(n);
                for (long i = 0; i < n; i++) {
                    size += value();
                }
                return size;
            }
            case DocumentCodec.OBJECT -> {
                long n = varint();
                long size = 0;
                long keyBytes = 0;
                for (long i = 0; i < n; i++) {
                    int len = (int) varint();
                    keyBytes += javaBytes(pos, len);
                    pos += len;
                    size += value();
                }
                return size + HeapSize.object(n, keyBytes);
            }
            default -> {
                return 0; // null, booleans and the small integers are shared instances
            }
        }
    }

    private long stringDatum(int len) {
        long size = HeapSize.stringDatum(javaBytes(pos, len));
        pos += len;
        return size;
    }

    /**
     * The bytes a Java string of these UTF-8 bytes keeps: one per character when every character
     * is Latin-1 (ASCII, or a two-byte sequence led by 0xC2 or 0xC3), else two per UTF-16 unit
     * (a four-byte sequence is two units).
     */
    private long javaBytes(int from, int len) {
        long chars = 0;
        long units = 0;
        boolean latin1 = true;
        for (int i = from; i < from + len; i++) {
            int c = b[i] & 0xFF;
            if ((c & 0xC0) != 0x80) {
                chars++;
                units += c >= 0xF0 ? 2 : 1;
                latin1 &= c < 0xC4;
            }
        }
        return latin1 ? chars : 2 * units;
    }
}
