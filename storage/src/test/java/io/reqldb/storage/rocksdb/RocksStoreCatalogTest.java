package io.reqldb.storage.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reqldb.storage.DatabaseInfo;
import io.reqldb.storage.Durability;
import io.reqldb.storage.StorageException;
import io.reqldb.storage.StorageException.Code;
import io.reqldb.storage.Table;
import io.reqldb.storage.TableInfo;
import io.reqldb.storage.TableOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksStoreCatalogTest {
    @TempDir
    Path dir;
    RocksStore store;

    @BeforeEach
    void open() {
        store = RocksStore.open(dir.resolve("data"), new RocksStoreOptions(8, 4));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static Code codeOf(Throwable t) {
        return ((StorageException) t).code();
    }

    @Test
    void databases_createListDrop() {
        store.createDatabase("b");
        store.createDatabase("a");
        assertThat(store.databases()).extracting(DatabaseInfo::name).containsExactly("a", "b");
        assertThat(store.database("a")).isPresent();
        assertThatThrownBy(() -> store.createDatabase("a")).extracting(RocksStoreCatalogTest::codeOf)
                .isEqualTo(Code.DB_EXISTS);
        store.dropDatabase("a");
        assertThat(store.database("a")).isEmpty();
        assertThatThrownBy(() -> store.dropDatabase("a")).extracting(RocksStoreCatalogTest::codeOf)
                .isEqualTo(Code.DB_MISSING);
    }

    @Test
    void tables_createListSortedAndErrors() {
        store.createDatabase("db");
        store.createTable("db", "zeta", TableOptions.DEFAULT);
        TableInfo alpha = store.createTable("db", "alpha", new TableOptions("key", Durability.SOFT));
        assertThat(alpha.primaryKey()).isEqualTo("key");
        assertThat(alpha.durability()).isEqualTo(Durability.SOFT);
        assertThat(store.tables("db")).extracting(TableInfo::name).containsExactly("alpha", "zeta");
        assertThatThrownBy(() -> store.createTable("db", "alpha", TableOptions.DEFAULT))
                .extracting(RocksStoreCatalogTest::codeOf).isEqualTo(Code.TABLE_EXISTS);
        assertThatThrownBy(() -> store.createTable("nope", "t", TableOptions.DEFAULT))
                .extracting(RocksStoreCatalogTest::codeOf).isEqualTo(Code.DB_MISSING);
        assertThatThrownBy(() -> store.table("db", "nope"))
                .extracting(RocksStoreCatalogTest::codeOf).isEqualTo(Code.TABLE_MISSING);
        assertThat(store.table(alpha.id())).isPresent();
    }

    @Test
    void dropTable_removesItsDocumentsAndHandle() {
        store.createDatabase("db");
        TableInfo info = store.createTable("db", "t", TableOptions.DEFAULT);
        Table t = store.table("db", "t");
        t.modify(Docs.num(1), old -> Docs.json("{'id':1}"), Durability.SOFT);
        store.dropTable("db", "t");
        assertThat(store.table(info.id())).isEmpty();
        assertThatThrownBy(() -> t.get(Docs.num(1))).extracting(RocksStoreCatalogTest::codeOf)
                .isEqualTo(Code.TABLE_MISSING);
        store.createTable("db", "t", TableOptions.DEFAULT);
        assertThat(store.table("db", "t").get(Docs.num(1))).isNull();
        assertThat(store.table("db", "t").count()).isZero();
    }

    @Test
    void dropDatabase_dropsItsTables() {
        store.createDatabase("db");
        TableInfo info = store.createTable("db", "t", TableOptions.DEFAULT);
        store.dropDatabase("db");
        assertThat(store.table(info.id())).isEmpty();
        store.createDatabase("db");
        assertThat(store.tables("db")).isEmpty();
    }

    @Test
    void renameTable_movesBetweenDatabasesAndKeepsData() {
        store.createDatabase("a");
        store.createDatabase("b");
        TableInfo info = store.createTable("a", "t", TableOptions.DEFAULT);
        Table t = store.table("a", "t");
        t.modify(Docs.num(1), old -> Docs.json("{'id':1}"), Durability.SOFT);
        store.createTable("b", "taken", TableOptions.DEFAULT);
        assertThatThrownBy(() -> store.renameTable(info.id(), "b", "taken"))
                .extracting(RocksStoreCatalogTest::codeOf).isEqualTo(Code.TABLE_EXISTS);
        TableInfo moved = store.renameTable(info.id(), "b", "u");
        assertThat(moved.db()).isEqualTo("b");
        assertThat(t.info().name()).isEqualTo("u");
        assertThat(store.tables("a")).isEmpty();
        assertThat(store.table("b", "u").get(Docs.num(1))).isEqualTo(Docs.json("{'id':1}"));
    }

    @Test
    void metadata_isWrittenWithTheFormatVersion() {
        Metadata m = Metadata.read(dir.resolve("data"));
        assertThat(m.formatVersion()).isEqualTo(Metadata.CURRENT_FORMAT);
        assertThat(m.serverId()).isEqualTo(store.metadata().serverId());
    }

    @Test
    void open_refusesANewerFormat() {
        store.close();
        Metadata m = Metadata.read(dir.resolve("data"));
        new Metadata(Metadata.CURRENT_FORMAT + 1, "9.9.9", m.serverId(), m.createdAt()).write(dir.resolve("data"));
        assertThatThrownBy(() -> RocksStore.open(dir.resolve("data"), RocksStoreOptions.DEFAULT))
                .isInstanceOf(StorageException.class)
                .extracting(RocksStoreCatalogTest::codeOf).isEqualTo(Code.UNSUPPORTED_FORMAT);
        m.write(dir.resolve("data"));
        store = RocksStore.open(dir.resolve("data"), RocksStoreOptions.DEFAULT);
    }
}
