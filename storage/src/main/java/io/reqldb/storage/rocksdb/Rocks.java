package io.reqldb.storage.rocksdb;

import io.reqldb.storage.StorageException;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

/** Turns RocksDB failures into the storage layer's closed set of error codes. */
final class Rocks {
    private Rocks() {
    }

    static StorageException failure(String what, RocksDBException e) {
        return new StorageException(StorageException.Code.IO, "RocksDB " + what + " failed: " + e.getMessage(), e);
    }

    /**
     * Whether RocksDB refused a read because the block cache, at its strict limit, is full of
     * blocks pinned by other reads (live iterators, multi-gets in progress).
     */
    static boolean cacheFull(RocksDBException e) {
        Status status = e.getStatus();
        return status != null && status.getSubCode() == Status.SubCode.MemoryLimit;
    }

    /**
     * A point read that a full block cache cannot fail: refused by the cache, it is read again
     * around it ({@code fill_cache} off), as a one-off read that leaves the cache as it was.
     */
    static byte[] get(RocksDB db, ColumnFamilyHandle family, ReadOptions options, byte[] key) throws RocksDBException {
        try {
            return db.get(family, options, key);
        } catch (RocksDBException e) {
            if (!cacheFull(e)) {
                throw e;
            }
            try (ReadOptions aroundCache = new ReadOptions(options).setFillCache(false)) {
                return db.get(family, aroundCache, key);
            }
        }
    }
}
