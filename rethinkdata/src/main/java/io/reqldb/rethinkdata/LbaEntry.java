package io.reqldb.rethinkdata;

/**
 * One entry of the LBA (the block id to file offset map), 32 bytes: zero (uint32), serialized
 * block size (uint32, including the 8-byte block id header), block id (uint64), recency
 * (uint64), file offset (int64; -1 for a deleted block, or padding when the block id is -1 too).
 */
final class LbaEntry {
    static final int SIZE = 32;
    static final long PADDING_ID = -1L;

    private LbaEntry() {}

    static int blockSize(byte[] b, int at) {
        return Bytes.i32(b, at + 4);
    }

    static long blockId(byte[] b, int at) {
        return Bytes.i64(b, at + 8);
    }

    static long offset(byte[] b, int at) {
        return Bytes.i64(b, at + 24);
    }

    static boolean isPadding(byte[] b, int at) {
        return blockId(b, at) == PADDING_ID && offset(b, at) == -1;
    }
}
