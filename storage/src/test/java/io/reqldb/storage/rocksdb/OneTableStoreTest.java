package io.reqldb.storage.rocksdb;

import io.reqldb.storage.Table;
import io.reqldb.storage.TableOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The setting most storage tests start from: a fresh store in a temporary folder, indexes on
 * plain fields ({@link Docs#FIELD_COMPILER}), database {@code db} and its empty table {@code t}.
 * The store is closed after each test (after the subclass's own clean-up), whatever the test
 * left in {@link #store}.
 */
abstract class OneTableStoreTest {
    @TempDir
    Path dir;
    RocksStore store;
    Table table;

    @BeforeEach
    void openStoreWithOneTable() {
        store = RocksStore.open(dir, new RocksStoreOptions(8, 4));
        store.setIndexFunctionCompiler(Docs.FIELD_COMPILER);
        store.createDatabase("db");
        store.createTable("db", "t", TableOptions.DEFAULT);
        table = store.table("db", "t");
    }

    @AfterEach
    void closeStore() {
        store.close();
    }
}
