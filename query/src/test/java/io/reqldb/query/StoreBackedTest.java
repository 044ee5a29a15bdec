package io.reqldb.query;

import io.reqldb.storage.rocksdb.RocksStore;
import io.reqldb.storage.rocksdb.RocksStoreOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of query tests that need tables: each test gets a real RocksDB store in a fresh temporary
 * folder (small caches) and an {@link EngineHarness} over it; subclasses' own set-up runs after.
 */
public abstract class StoreBackedTest {
    @TempDir
    protected Path dataDir;
    protected RocksStore store;
    protected EngineHarness reql;

    @BeforeEach
    final void openStore() {
        store = RocksStore.open(dataDir, new RocksStoreOptions(8, 4));
        reql = new EngineHarness(store);
    }

    @AfterEach
    final void closeStore() {
        store.close();
    }
}
