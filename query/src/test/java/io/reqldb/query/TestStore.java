package io.reqldb.query;

import io.reqldb.storage.rocksdb.RocksStore;
import io.reqldb.storage.rocksdb.RocksStoreOptions;
import java.nio.file.Path;

/** The real RocksDB store that query tests run against, with caches sized for tests. */
public final class TestStore {
    private TestStore() {
    }

    /** Opens a store in {@code dir} (a JUnit {@code @TempDir}); the test closes it. */
    public static RocksStore open(Path dir) {
        return RocksStore.open(dir, new RocksStoreOptions(8, 4));
    }
}
