package io.reqldb.storage.rocksdb;

/**
 * Tuning for {@link RocksStore}.
 *
 * @param cacheSizeMb     the block cache shared by all column families, in MiB
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

    /** The same options with another block-cache size, in MiB. */
    public RocksStoreOptions withCacheSizeMb(int mb) {
        return new RocksStoreOptions(mb, writeBufferMb);
    }
}
