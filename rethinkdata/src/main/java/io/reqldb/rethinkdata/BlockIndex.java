package io.reqldb.rethinkdata;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The LBA as RethinkDB rebuilds it on start: for every block id, where its newest version is.
 * Entries are applied oldest first, later ones overriding earlier ones: per LBA shard, the
 * extents its superblock lists, in order, then its last (partly filled) extent; then the
 * metablock's inline entries, which are newer than anything in the extents.
 *
 * <p>LBA extent: {@code "lbamagic"} padded to 32 bytes, then {@link LbaEntry entries}. LBA
 * superblock: {@code "lbasuper"} padded to 16 bytes, then per extent its offset and entry
 * count (int64 each).
 */
final class BlockIndex {
    /** Ids at and above this are "aux" blocks, kept apart from the regular ones. */
    static final long FIRST_AUX_ID = 1L << 63;

    private long[] offsets = new long[1024];
    private int[] sizes = new int[1024];
    private final Map<Long, long[]> aux = new HashMap<>();
    private long regularCount;

    BlockIndex() {
        Arrays.fill(offsets, -1);
    }

    /** Builds the index of {@code file} from its chosen metablock. */
    static BlockIndex load(RandomAccess file, Metablock mb, long extentSize) {
        BlockIndex index = new BlockIndex();
        for (Metablock.LbaShard shard : mb.shards()) {
            if (shard.superblockOffset() >= 0 && shard.superblockCount() > 0) {
                int length = 16 + shard.superblockCount() * 16;
                byte[] sb = file.read(shard.superblockOffset(), length, "LBA superblock");
                if (!Bytes.startsWith(sb, 0, "lbasuper")) {
                    throw new RethinkDataException("LBA superblock without its \"lbasuper\" magic at offset "
                            + shard.superblockOffset());
                }
                for (int i = 0; i < shard.superblockCount(); i++) {
                    long offset = Bytes.i64(sb, 16 + i * 16);
                    long count = Bytes.i64(sb, 24 + i * 16);
                    index.applyExtent(file, offset, count, extentSize);
                }
            }
            if (shard.lastExtentOffset() >= 0) {
                index.applyExtent(file, shard.lastExtentOffset(), shard.lastExtentCount(), extentSize);
            }
        }
        index.applyEntries(mb.inlineEntries(), 0, mb.inlineCount(), "metablock inline LBA", -1);
        return index;
    }

    private void applyExtent(RandomAccess file, long offset, long count, long extentSize) {
        if (count < 0 || 32 + count * LbaEntry.SIZE > extentSize) {
            throw new RethinkDataException("LBA extent at offset " + offset + " claims " + count + " entries");
        }
        byte[] extent = file.read(offset, (int) (32 + count * LbaEntry.SIZE), "LBA extent");
        if (!Bytes.startsWith(extent, 0, "lbamagic")) {
            throw new RethinkDataException("LBA extent without its \"lbamagic\" magic at offset " + offset);
        }
        applyEntries(extent, 32, (int) count, "LBA extent", offset);
    }

    private void applyEntries(byte[] b, int start, int count, String what, long fileOffset) {
        for (int i = 0; i < count; i++) {
            int at = start + i * LbaEntry.SIZE;
            if (LbaEntry.isPadding(b, at)) {
                continue;
            }
            long id = LbaEntry.blockId(b, at);
            long offset = LbaEntry.offset(b, at);
            int size = LbaEntry.blockSize(b, at);
            if (offset >= 0 && (size <= 8 || size > 65536 + 8)) {
                throw new RethinkDataException("block " + id + " has an implausible size " + size + " in the " + what
                        + (fileOffset >= 0 ? " at offset " + (fileOffset + at) : ""));
            }
            put(id, offset, size);
        }
    }

    private void put(long id, long offset, int size) {
        if (id < 0) { // unsigned: an aux block id
            aux.put(id, new long[] {offset, size});
            return;
        }
        if (id >= Integer.MAX_VALUE - 8) {
            throw new RethinkDataException("block id " + id + " out of range");
        }
        int i = (int) id;
        if (i >= offsets.length) {
            int n = Math.max(offsets.length * 2, i + 1);
            int old = offsets.length;
            offsets = Arrays.copyOf(offsets, n);
            sizes = Arrays.copyOf(sizes, n);
            Arrays.fill(offsets, old, n, -1);
        }
        offsets[i] = offset;
        sizes[i] = size;
        regularCount = Math.max(regularCount, id + 1);
    }

    /** The file offset of the block's newest version, or -1 when it does not exist (or was deleted). */
    long offset(long id) {
        if (id < 0) {
            long[] e = aux.get(id);
            return e == null ? -1 : e[0];
        }
        return id < regularCount ? offsets[(int) id] : -1;
    }

    /** The block's serialized size (with its 8-byte header). */
    int size(long id) {
        if (id < 0) {
            long[] e = aux.get(id);
            return e == null ? 0 : (int) e[1];
        }
        return id < regularCount ? sizes[(int) id] : 0;
    }
}
