package io.reqldb.rethinkdata;

/** Blocks by id, as the buffer cache sees them: a serializer file, or one proxy of a multiplexed file. */
public interface BlockSource {
    /** The block's contents; throws {@link RethinkDataException} naming the offset if it cannot be read. */
    byte[] block(long id);

    /** True when the block exists. */
    boolean exists(long id);

    /** Bytes of data in a block (4088 for RethinkDB's default 4 KiB blocks). */
    int blockSize();

    /** Where block {@code id} is in the file, for messages; -1 when absent. */
    long offsetOf(long id);
}
