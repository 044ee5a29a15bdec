package io.reqldb.query.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumJson;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.query.error.ReqlOpFailedError;
import io.reqldb.storage.Durability;
import io.reqldb.storage.KeyRange;
import io.reqldb.storage.Table;
import io.reqldb.storage.TableOptions;
import io.reqldb.storage.rocksdb.RocksStore;
import io.reqldb.storage.rocksdb.RocksStoreOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Feeds on the RocksDB store: committed writes arrive, a dropped table ends the feed. */
class FeedRocksTest {
    @TempDir
    Path dir;
    private RocksStore store;
    private Table table;

    @BeforeEach
    void open() {
        store = RocksStore.open(dir, new RocksStoreOptions(8, 4));
        store.createDatabase("test");
        store.createTable("test", "t", TableOptions.DEFAULT);
        table = store.table("test", "t");
    }

    @AfterEach
    void close() {
        store.close();
    }

    private RangeFeed tableFeed() {
        return new RangeFeed(table, store, FeedOptions.defaults(), doc -> 1, new RowTransform(List.of(), null),
                () -> table.scan(KeyRange.ALL, false));
    }

    private void put(String json) {
        Datum d = DatumJson.parse(json);
        table.modify(((ObjectDatum) d).get("id"), old -> d, Durability.HARD);
    }

    @Test
    void committedWrites_arriveInOrder() {
        try (Feed feed = tableFeed()) {
            put("{\"id\":1}");
            table.modifyAll(List.of(NumberDatum.of(1), NumberDatum.of(2)),
                    List.of(old -> null, old -> DatumJson.parse("{\"id\":2}")), Durability.SOFT);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            assertThat(DatumJson.write(feed.next(deadline))).isEqualTo("{\"new_val\":{\"id\":1},\"old_val\":null}");
            assertThat(DatumJson.write(feed.next(deadline))).isEqualTo("{\"new_val\":null,\"old_val\":{\"id\":1}}");
            assertThat(DatumJson.write(feed.next(deadline))).isEqualTo("{\"new_val\":{\"id\":2},\"old_val\":null}");
        }
    }

    @Test
    void droppedTable_endsFeedWithRethinkDbError() {
        try (Feed feed = tableFeed()) {
            store.dropTable("test", "t");
            assertThatThrownBy(() -> feed.next(System.nanoTime() + TimeUnit.SECONDS.toNanos(5)))
                    .isInstanceOf(ReqlOpFailedError.class).hasMessage("Changefeed aborted (unavailable).");
        }
    }

    @Test
    void droppedDatabase_endsFeedWithRethinkDbError() {
        try (Feed feed = new PointFeed(table, store, FeedOptions.defaults(), NumberDatum.of(1))) {
            store.dropDatabase("test");
            assertThatThrownBy(() -> feed.next(System.nanoTime() + TimeUnit.SECONDS.toNanos(5)))
                    .isInstanceOf(ReqlOpFailedError.class).hasMessage("Changefeed aborted (unavailable).");
        }
    }
}
