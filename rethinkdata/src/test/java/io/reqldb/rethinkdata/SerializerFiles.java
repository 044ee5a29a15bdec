package io.reqldb.rethinkdata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes small serializer files by hand (64 KiB extents, 4 KiB blocks): static header, one
 * metablock, LBA extents listed by an LBA superblock or held inline, and data blocks.
 */
final class SerializerFiles {
    static final int EXTENT = 65536;
    static final int BLOCK = 4096;

    private final TreeMap<Long, byte[]> regions = new TreeMap<>();
    private long nextData = 8L * EXTENT;

    SerializerFiles() {
        regions.put(0L, StaticHeaderTest.header("RethinkDB", "2.2", BLOCK, EXTENT));
    }

    /** Puts a data block (its 8-byte id header, then {@code data}) in the next free block; returns its offset. */
    long dataBlock(long id, byte[] data) {
        byte[] block = new Out().i64(id).bytes(data).padded(BLOCK);
        long offset = nextData;
        regions.put(offset, block);
        nextData += BLOCK;
        return offset;
    }

    /** Puts an LBA extent with {@code entries} at {@code offset}. */
    void lbaExtent(long offset, List<byte[]> entries) {
        Out out = new Out().ascii("lbamagic");
        byte[] header = out.padded(32);
        Out extent = new Out().bytes(header);
        entries.forEach(extent::bytes);
        regions.put(offset, extent.toBytes());
    }

    /** Puts an LBA superblock listing extents (offset, entry count). */
    void lbaSuperblock(long offset, Map<Long, Integer> extents) {
        Out sb = new Out().bytes(new Out().ascii("lbasuper").padded(16));
        extents.forEach((o, n) -> sb.i64(o).i64(n));
        regions.put(offset, sb.toBytes());
    }

    /** Puts metablock slot bytes in slot {@code i} (0-based). */
    void metablock(int i, byte[] slot) {
        regions.put(4096L * (i + 1), slot);
    }

    Path write(Path file) throws IOException {
        long size = Math.max(nextData, regions.lastKey() + regions.lastEntry().getValue().length);
        byte[] all = new byte[(int) size];
        regions.forEach((offset, bytes) -> System.arraycopy(bytes, 0, all, offset.intValue(), bytes.length));
        Files.write(file, all);
        return file;
    }

    static List<byte[]> list(byte[]... entries) {
        return new ArrayList<>(List.of(entries));
    }
}
