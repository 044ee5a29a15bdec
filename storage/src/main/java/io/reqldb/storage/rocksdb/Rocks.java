package io.reqldb.storage.rocksdb;

import io.reqldb.storage.StorageException;
import org.rocksdb.RocksDBException;

/** Turns RocksDB failures into the storage layer's closed set of error codes. */
final class Rocks {
    private Rocks() {
    }

    static StorageException failure(String what, RocksDBException e) {
        return new StorageException(StorageException.Code.IO, "RocksDB " + what + " failed: " + e.getMessage(), e);
    }
}
