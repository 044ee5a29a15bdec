package io.reqldb.tools.archive;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * One complete gzip member (RFC 1952: header, deflate data, CRC-32 and length) for a chunk of
 * bytes. Members written one after another form one valid gzip file, which is what lets a dump
 * compress its chunks on several threads: gzip, Python's tarfile and {@link ArchiveReader} read
 * concatenated members as one stream.
 */
final class GzipMember {
    /**
     * Level 1, not Python's 9: on JSON text about a third less CPU than level 6 and six times less
     * than 9, for an archive about a third larger; compression runs on the dump's critical path.
     */
    static final int LEVEL = 1;

    private static final byte[] HEADER = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    private static final ThreadLocal<Deflater> DEFLATER = ThreadLocal.withInitial(() -> new Deflater(LEVEL, true));

    private GzipMember() {}

    /** Compresses all of {@code data} into one member. */
    static byte[] of(byte[] data) {
        return of(data, 0, data.length);
    }

    /** Compresses {@code length} bytes of {@code data} from {@code offset} into one member. */
    static byte[] of(byte[] data, int offset, int length) {
        Deflater deflater = DEFLATER.get();
        deflater.reset();
        deflater.setInput(data, offset, length);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream(length / 4 + 64);
        out.writeBytes(HEADER);
        byte[] buffer = new byte[64 * 1024];
        while (!deflater.finished()) {
            int n = deflater.deflate(buffer);
            out.write(buffer, 0, n);
        }
        CRC32 crc = new CRC32();
        crc.update(data, offset, length);
        writeIntLE(out, (int) crc.getValue());
        writeIntLE(out, length); // ISIZE: the length modulo 2^32
        return out.toByteArray();
    }

    private static void writeIntLE(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }
}
