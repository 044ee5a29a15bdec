package io.reqldb.tools.archive;

import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A piece of one deflate stream, compressed on its own (as pigz does): every piece but the
 * last ends on a byte boundary with an empty stored block (a sync flush) and no final-block
 * mark, so pieces compressed on different threads, and in any order, join into one valid
 * stream once written in their final order. Official restores read archives with Python's
 * {@code tarfile} in stream mode, which stops at the end of the first gzip member, so an
 * archive must be one member; this is how it is still compressed on all cores.
 *
 * @param deflated the compressed bytes
 * @param crc the CRC-32 of the uncompressed bytes
 * @param length the number of uncompressed bytes
 */
record DeflateSegment(byte[] deflated, int crc, long length) {
    /**
     * Level 1, not Python's 9: on JSON text about a third less CPU than level 6 and six times less
     * than 9, for an archive about a third larger; compression runs on the dump's critical path.
     */
    static final int LEVEL = 1;
    /** The most history deflate can refer back to. */
    static final int WINDOW = 32 * 1024;

    private static final ThreadLocal<Deflater> DEFLATER = ThreadLocal.withInitial(() -> new Deflater(LEVEL, true));
    /**
     * Where each thread deflates to before the result is copied out at its exact size: a dump's
     * segments would otherwise allocate several times their compressed size each.
     */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[64 * 1024]);

    /**
     * Compresses {@code length} bytes of {@code data} from {@code offset}. {@code history} (or
     * null) is what comes just before them in the final stream, which back-references may use;
     * {@code last} ends the deflate stream.
     */
    static DeflateSegment of(byte[] data, int offset, int length, byte[] history, boolean last) {
        Deflater deflater = DEFLATER.get();
        deflater.reset();
        if (history != null && history.length > 0) {
            int n = Math.min(WINDOW, history.length);
            deflater.setDictionary(history, history.length - n, n);
        }
        deflater.setInput(data, offset, length);
        if (last) {
            deflater.finish();
        }
        byte[] out = SCRATCH.get();
        int size = 0;
        while (true) {
            size += last ? deflater.deflate(out, size, out.length - size)
                    : deflater.deflate(out, size, out.length - size, Deflater.SYNC_FLUSH);
            // Done when the output did not fill the room given (a sync flush) or the stream ended.
            if (last ? deflater.finished() : size < out.length) {
                break;
            }
            if (size == out.length) {
                out = Arrays.copyOf(out, out.length * 2);
                SCRATCH.set(out);
            }
        }
        CRC32 crc = new CRC32();
        crc.update(data, offset, length);
        return new DeflateSegment(Arrays.copyOf(out, size), (int) crc.getValue(), length);
    }

    /** All of {@code data}, with no history. */
    static DeflateSegment of(byte[] data, boolean last) {
        return of(data, 0, data.length, null, last);
    }
}
