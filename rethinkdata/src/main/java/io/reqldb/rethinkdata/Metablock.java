package io.reqldb.rethinkdata;

import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * A metablock: the root of everything else in a serializer file. Slots are the 4 KiB blocks at
 * 4 KiB .. 28 KiB of the first extent (seven of them; the static header has the first). Each
 * write goes to the next slot with a version one higher, so after a crash the slots hold a run
 * of consecutive versions and possibly one torn write.
 *
 * <p>Layout (packed, little-endian): {@code "metablck"} (8), {@code disk_format_version} (uint32,
 * a {@code cluster_version_t}: 2 = v1.14 ... 9 = v2.4), CRC-32 of the format version, the version
 * and the body (uint32), {@code version} (int64), then the body: the extent manager's padding
 * (8), per LBA shard (four): last LBA extent offset (int64), its entry count (int32), padding,
 * LBA superblock offset (int64), its entry count (int32), padding; the inline LBA entries (112 of
 * 32 bytes) and their count (int32), padding; the data block manager's active extent (int64).
 */
public record Metablock(int slot, long version, int diskFormatVersion, List<LbaShard> shards,
        byte[] inlineEntries, int inlineCount) {
    public static final int SIZE = 4096;
    public static final int SLOTS_PER_EXTENT = 8;
    static final int LBA_SHARDS = 4;
    static final int INLINE_CAPACITY = (SIZE - 512) / LbaEntry.SIZE;
    private static final int BODY = 24;
    private static final int BODY_SIZE = 8 + LBA_SHARDS * 32 + INLINE_CAPACITY * LbaEntry.SIZE + 8 + 8;

    /** One LBA shard's on-disk structure: the extent being filled and the superblock listing the full ones. */
    public record LbaShard(long lastExtentOffset, int lastExtentCount, long superblockOffset, int superblockCount) {
    }

    /** The slots' offsets in the file: 4 KiB apart, after the static header's block, within the first extent. */
    public static List<Long> slotOffsets(long extentSize) {
        int slots = (int) Math.min(extentSize / SIZE, SLOTS_PER_EXTENT);
        List<Long> offsets = new ArrayList<>();
        for (int j = 1; j < slots; j++) {
            offsets.add((long) j * SIZE);
        }
        return offsets;
    }

    /**
     * Chooses the metablock RethinkDB would start from, given the slots' bytes in slot order
     * (a slot past the end of a truncated file is an empty array). As RethinkDB 2.4 does: walk
     * the slots; a slot whose CRC fails is skipped; a valid one with a higher version than the
     * best so far becomes the best; the first valid one that is not newer ends the walk (the
     * ring has wrapped). No valid slot at all means the file cannot be read.
     */
    public static Metablock choose(List<byte[]> slots) {
        Metablock best = null;
        for (int i = 0; i < slots.size(); i++) {
            byte[] slot = slots.get(i);
            if (slot.length < BODY + BODY_SIZE || !crcMatches(slot)) {
                continue;
            }
            long version = Bytes.i64(slot, 16);
            if (best != null && version <= best.version()) {
                break;
            }
            best = parse(i, slot);
        }
        if (best == null) {
            throw new RethinkDataException("no valid metablock in any of the " + slots.size()
                    + " slots at offsets 4096.." + (slots.size() * SIZE) + " (every CRC fails)");
        }
        checkFormat(best);
        return best;
    }

    static boolean crcMatches(byte[] slot) {
        CRC32 crc = new CRC32();
        crc.update(slot, 8, 4); // disk_format_version
        crc.update(slot, 16, 8); // version
        crc.update(slot, BODY, BODY_SIZE);
        return (int) crc.getValue() == Bytes.i32(slot, 12);
    }

    private static Metablock parse(int slotIndex, byte[] slot) {
        List<LbaShard> shards = new ArrayList<>();
        for (int s = 0; s < LBA_SHARDS; s++) {
            int at = BODY + 8 + s * 32;
            shards.add(new LbaShard(Bytes.i64(slot, at), Bytes.i32(slot, at + 8), Bytes.i64(slot, at + 16),
                    Bytes.i32(slot, at + 24)));
        }
        int inlineAt = BODY + 8 + LBA_SHARDS * 32;
        int countAt = inlineAt + INLINE_CAPACITY * LbaEntry.SIZE;
        int count = Bytes.i32(slot, countAt);
        byte[] inline = java.util.Arrays.copyOfRange(slot, inlineAt, countAt);
        return new Metablock(slotIndex, Bytes.i64(slot, 16), Bytes.i32(slot, 8), List.copyOf(shards), inline, count);
    }

    private static void checkFormat(Metablock mb) {
        int v = mb.diskFormatVersion();
        if (v == 0 || v == 1) {
            throw new RethinkDataException("data directory is from RethinkDB 1.13, which RethinkDB 2.4 no longer"
                    + " reads (disk format version " + v + "); open it with RethinkDB 2.0 first");
        }
        if (v < ClusterVersion.V1_14.code || v > ClusterVersion.V2_4.code) {
            throw new RethinkDataException("disk format version " + v + " in metablock slot " + (mb.slot() + 1)
                    + " is not one RethinkDB 2.4 reads (2 = v1.14 ... 9 = v2.4); is it from a newer RethinkDB?");
        }
        if (mb.inlineCount() < 0 || mb.inlineCount() > INLINE_CAPACITY) {
            throw new RethinkDataException("inline LBA entry count " + mb.inlineCount() + " out of range at offset "
                    + ((mb.slot() + 1) * (long) SIZE + BODY + 8 + LBA_SHARDS * 32 + INLINE_CAPACITY * LbaEntry.SIZE));
        }
    }

    /** The on-disk format version as RethinkDB names it. */
    public ClusterVersion format() {
        return ClusterVersion.of(diskFormatVersion);
    }
}
