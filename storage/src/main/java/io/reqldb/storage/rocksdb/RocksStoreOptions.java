package io.reqldb.storage.rocksdb;

/**
 * Tuning for {@link RocksStore}.
 *
 * @param cacheSizeMb     the storage cache ({@code --cache-size}), in MiB: RocksDB's block cache,
 *                        shared by all column families and held to this size, with the memtables
 *                        charged to it (see {@link #memtableBytes})
 * @param writeBufferMb   the memtable size of the documents and indexes column families, in MiB;
 *                        RocksDB keeps up to two per family before flushing stalls writes
 */
public record RocksStoreOptions(int cacheSizeMb, int writeBufferMb) {
    /** 256 MiB cache, 64 MiB memtables. */
    public static final RocksStoreOptions DEFAULT = new RocksStoreOptions(256, 64);

    public RocksStoreOptions {
        if (cacheSizeMb < 1) {
            throw new IllegalArgumentException("cacheSizeMb must be at least 1, got " + cacheSizeMb);
        }
        if (writeBufferMb < 1) {
            throw new IllegalArgumentException("writeBufferMb must be at least 1, got " + writeBufferMb);
        }
    }

    /**
     * Most memory all memtables may hold together, charged to the cache: a quarter of it, so a
     * burst of writes flushes early instead of pushing every cached block out.
     */
    public long memtableBytes() {
        return Math.max(1, cacheSizeMb / 4) * 1024L * 1024L;
    }

    /** The same options with another block-cache size, in MiB. */
    public RocksStoreOptions withCacheSizeMb(int mb) {
        return new RocksStoreOptions(mb, writeBufferMb);
    }
}
