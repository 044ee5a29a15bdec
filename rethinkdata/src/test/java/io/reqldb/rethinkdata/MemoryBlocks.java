package io.reqldb.rethinkdata;

import java.util.HashMap;
import java.util.Map;

/** Blocks held in memory, for tests of the layers above the serializer. */
final class MemoryBlocks implements BlockSource {
    private final int blockSize;
    private final Map<Long, byte[]> blocks = new HashMap<>();

    MemoryBlocks(int blockSize) {
        this.blockSize = blockSize;
    }

    void put(long id, byte[] data) {
        byte[] block = new byte[blockSize];
        System.arraycopy(data, 0, block, 0, Math.min(data.length, blockSize));
        blocks.put(id, block);
    }

    @Override
    public byte[] block(long id) {
        byte[] b = blocks.get(id);
        if (b == null) {
            throw new RethinkDataException("block " + id + " missing");
        }
        return b;
    }

    @Override
    public boolean exists(long id) {
        return blocks.containsKey(id);
    }

    @Override
    public int blockSize() {
        return blockSize;
    }

    @Override
    public long offsetOf(long id) {
        return id * 4096;
    }
}
