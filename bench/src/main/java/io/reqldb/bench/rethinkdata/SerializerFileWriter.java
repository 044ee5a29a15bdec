package io.reqldb.bench.rethinkdata;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * Writes a serializer file in RethinkDB 2.4's layout (the facts are those the reader in
 * {@code rethinkdata/} documents): the static header, then 4 KiB data blocks appended from the
 * second extent on, each led by its block id; at {@link #close} the LBA in full extents listed
 * by an LBA superblock, and the metablock in the first slot. Streams: only the LBA (a block id
 * and offset per block) is held.
 */
final class SerializerFileWriter implements AutoCloseable {
    static final int BLOCK = 4096;
    /** Bytes a block carries after its 8-byte block id. */
    static final int DATA = BLOCK - 8;
    private static final long EXTENT = 2L * 1024 * 1024;
    private static final int DISK_FORMAT_V2_4 = 9;
    private static final int LBA_ENTRY = 32;
    private static final int INLINE_ENTRIES = 112;

    private final Path path;
    private final OutputStream out;
    private long position;
    private long[] ids = new long[1024];
    private long[] offsets = new long[1024];
    private int blocks;

    SerializerFileWriter(Path path) throws IOException {
        this.path = path;
        this.out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 20);
        ByteBuffer header = le(BLOCK);
        header.put("RethinkDB".getBytes()).position(16).put("2.2".getBytes()).position(32);
        header.putLong(BLOCK).putLong(EXTENT);
        out.write(header.array());
        position = BLOCK;
        pad(EXTENT); // the rest of the first extent: the metablock slots, written at close
    }

    static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Appends block {@code id} holding {@code data} (at most {@link #DATA} bytes). */
    void block(long id, byte[] data) throws IOException {
        if (blocks == ids.length) {
            ids = java.util.Arrays.copyOf(ids, blocks * 2);
            offsets = java.util.Arrays.copyOf(offsets, blocks * 2);
        }
        ids[blocks] = id;
        offsets[blocks++] = position;
        ByteBuffer b = le(BLOCK).putLong(id).put(data);
        out.write(b.array());
        position += BLOCK;
    }

    private void pad(long boundary) throws IOException {
        long to = (position + boundary - 1) / boundary * boundary;
        out.write(new byte[(int) (to - position)]);
        position = to;
    }

    @Override
    public void close() throws IOException {
        int perExtent = (int) ((EXTENT - 32) / LBA_ENTRY);
        int extents = (blocks + perExtent - 1) / perExtent;
        long[] extentOffsets = new long[extents];
        int[] counts = new int[extents];
        for (int e = 0; e < extents; e++) {
            pad(EXTENT);
            extentOffsets[e] = position;
            counts[e] = Math.min(perExtent, blocks - e * perExtent);
            ByteBuffer lba = le(32 + counts[e] * LBA_ENTRY);
            lba.put("lbamagic".getBytes()).position(32);
            for (int i = e * perExtent; i < e * perExtent + counts[e]; i++) {
                lba.putInt(0).putInt(BLOCK).putLong(ids[i]).putLong(1).putLong(offsets[i]);
            }
            out.write(lba.array());
            position += lba.capacity();
        }
        pad(EXTENT);
        long superblock = position;
        ByteBuffer sb = le(16 + 16 * extents);
        sb.put("lbasuper".getBytes()).position(16);
        for (int e = 0; e < extents; e++) {
            sb.putLong(extentOffsets[e]).putLong(counts[e]);
        }
        out.write(sb.array());
        position += sb.capacity();
        pad(BLOCK);
        out.close();
        try (RandomAccessFile raf = new RandomAccessFile(path.toFile(), "rw")) {
            raf.seek(BLOCK);
            raf.write(metablock(superblock, extents));
        }
    }

    /** Slot 1's metablock, version 1: LBA shard 0 is the superblock's extents; no inline entries. */
    private static byte[] metablock(long superblock, int extents) {
        ByteBuffer body = le(8 + 4 * 32 + INLINE_ENTRIES * LBA_ENTRY + 8 + 8);
        body.putLong(0);
        for (int s = 0; s < 4; s++) {
            body.putLong(-1).putInt(0).putInt(0);
            body.putLong(s == 0 && extents > 0 ? superblock : -1).putInt(s == 0 ? extents : 0).putInt(0);
        }
        for (int i = 0; i < INLINE_ENTRIES; i++) {
            body.putInt(0).putInt(0).putLong(-1).putLong(0).putLong(-1); // padding entries
        }
        body.putInt(0).putInt(0).putLong(0);
        CRC32 crc = new CRC32();
        crc.update(le(4).putInt(DISK_FORMAT_V2_4).array());
        crc.update(le(8).putLong(1).array());
        crc.update(body.array());
        ByteBuffer slot = le(BLOCK);
        slot.put("metablck".getBytes()).putInt(DISK_FORMAT_V2_4).putInt((int) crc.getValue()).putLong(1)
                .put(body.array());
        return slot.array();
    }
}
