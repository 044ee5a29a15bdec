package io.reqldb.rethinkdata;

import java.io.ByteArrayOutputStream;

/**
 * RethinkDB's blobs: a value stored either inline in its reference or in a tree of blocks.
 *
 * <p>A reference of at most {@code maxreflen} bytes starts with a size field (one byte when
 * {@code maxreflen <= 255}, else two). A size below {@code maxreflen} means the value follows
 * inline. A size equal to {@code maxreflen} means a big value: its length (int64) follows, then
 * the ids (uint64) of the tree's top level. Leaf blocks hold {@code "larl"} and
 * {@code blockSize - 4} bytes of value; internal blocks hold {@code "lari"} and
 * {@code (blockSize - 4) / 8} child ids. The number of levels is not stored: it is the fewest
 * that let the top level's ids fit in the reference.
 */
public final class Blob {
    /** The reference length RethinkDB gives B-tree values (rows, and the metadata file's values). */
    public static final int BTREE_MAXREFLEN = 251;

    private Blob() {}

    private static int sizeFieldLength(int maxreflen) {
        return maxreflen <= 255 ? 1 : 2;
    }

    private static int smallSize(byte[] b, int at, int maxreflen) {
        return maxreflen <= 255 ? Bytes.u8(b, at) : Bytes.u16(b, at);
    }

    /** The shape of a big value's tree. */
    record Tree(long size, int levels, int topCount) {
    }

    /** The tree of a big value of {@code size} bytes. */
    static Tree tree(int blockSize, long size, int maxreflen) {
        long leaf = blockSize - 4;
        long internal = (blockSize - 4) / 8;
        long maxIds = (maxreflen - sizeFieldLength(maxreflen) - 8) / 8;
        long count = ceilDiv(size, leaf);
        int levels = 1;
        while (count > maxIds) {
            count = ceilDiv(count, internal);
            levels++;
        }
        return new Tree(size, levels, (int) count);
    }

    /** The bytes the reference at {@code b[at]} occupies (what follows it in a leaf node). */
    public static int refSize(int blockSize, byte[] b, int at, int maxreflen) {
        int field = sizeFieldLength(maxreflen);
        int small = smallSize(b, at, maxreflen);
        if (small <= maxreflen - field) {
            return field + small;
        }
        long size = Bytes.i64(b, at + field);
        return field + 8 + 8 * tree(blockSize, size, maxreflen).topCount();
    }

    /** The value's length. */
    public static long valueSize(byte[] b, int at, int maxreflen) {
        int field = sizeFieldLength(maxreflen);
        int small = smallSize(b, at, maxreflen);
        return small <= maxreflen - field ? small : Bytes.i64(b, at + field);
    }

    /** The whole value of the reference at {@code b[at]}, reading its blocks from {@code blocks}. */
    public static byte[] read(BlockSource blocks, byte[] b, int at, int maxreflen) {
        int field = sizeFieldLength(maxreflen);
        int small = smallSize(b, at, maxreflen);
        if (small <= maxreflen - field) {
            byte[] value = new byte[small];
            System.arraycopy(b, at + field, value, 0, small);
            return value;
        }
        long size = Bytes.i64(b, at + field);
        if (size < 0 || size > Integer.MAX_VALUE - 16) {
            throw new RethinkDataException("blob of implausible size " + size);
        }
        Tree tree = tree(blocks.blockSize(), size, maxreflen);
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) size);
        long step = step(blocks.blockSize(), tree.levels());
        int ids = at + field + 8;
        for (int i = 0; i < tree.topCount(); i++) {
            long part = Math.min(step, size - i * step);
            readTree(blocks, Bytes.i64(b, ids + 8 * i), tree.levels(), part, out);
        }
        return out.toByteArray();
    }

    private static void readTree(BlockSource blocks, long id, int levels, long size, ByteArrayOutputStream out) {
        byte[] block = blocks.block(id);
        if (levels == 1) {
            if (!Bytes.startsWith(block, 0, "larl")) {
                throw new RethinkDataException("blob leaf block " + id + " at offset " + blocks.offsetOf(id)
                        + " has magic \"" + Bytes.magic(block, 0) + "\", not \"larl\"");
            }
            out.write(block, 4, (int) size);
            return;
        }
        if (!Bytes.startsWith(block, 0, "lari")) {
            throw new RethinkDataException("blob internal block " + id + " at offset " + blocks.offsetOf(id)
                    + " has magic \"" + Bytes.magic(block, 0) + "\", not \"lari\"");
        }
        long step = step(blocks.blockSize(), levels - 1);
        int children = (int) ceilDiv(size, step);
        for (int i = 0; i < children; i++) {
            readTree(blocks, Bytes.i64(block, 4 + 8 * i), levels - 1, Math.min(step, size - i * step), out);
        }
    }

    /** Bytes of value under one id at {@code levels} levels. */
    private static long step(int blockSize, int levels) {
        long step = blockSize - 4;
        for (int i = 1; i < levels; i++) {
            step *= (blockSize - 4) / 8;
        }
        return step;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
