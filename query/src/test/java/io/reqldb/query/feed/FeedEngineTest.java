package io.reqldb.query.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumJson;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.query.QueryResult;
import io.reqldb.query.ResultStream;
import io.reqldb.query.RqlQueryEngine;
import io.reqldb.query.Session;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.eval.StoreCatalog;
import io.reqldb.storage.TableOptions;
import io.reqldb.storage.rocksdb.RocksStore;
import io.reqldb.storage.rocksdb.RocksStoreOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code changes()} through the engine on RocksDB: what each chain watches, notes, and cleanup. */
class FeedEngineTest {
    private static final String TBL = "[15,[\"t\"]]";

    @TempDir
    Path dir;
    private RocksStore store;
    private RqlQueryEngine engine;

    @BeforeEach
    void open() {
        store = RocksStore.open(dir, new RocksStoreOptions(8, 4));
        store.createDatabase("test");
        store.createTable("test", "t", TableOptions.DEFAULT);
        engine = new RqlQueryEngine(store, new StoreCatalog(store));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private QueryResult run(String json) {
        return engine.start(DatumJson.parse(json), ObjectDatum.EMPTY, new Session("admin", 1));
    }

    private ResultStream feed(String json) {
        ResultStream s = ((QueryResult.Stream) run(json)).stream();
        assertThat(s.nextBatch(100, 1 << 20)).isEmpty();
        return s;
    }

    private void insert(String doc) {
        run("[56,[" + TBL + "," + doc + "]]");
    }

    private static String batch(ResultStream s, int n) {
        List<Datum> all = new ArrayList<>();
        while (all.size() < n) {
            all.addAll(s.nextBatch(n - all.size(), 1 << 20));
        }
        return DatumJson.write(io.reqldb.datum.ArrayDatum.wrap(all));
    }

    @Test
    void tableFeed_isASequenceFeed() {
        try (ResultStream s = feed("[152,[" + TBL + "]]")) {
            assertThat(s.notes()).containsExactly(1);
            insert("{\"id\":1}");
            assertThat(batch(s, 1)).isEqualTo("[{\"new_val\":{\"id\":1},\"old_val\":null}]");
        }
        assertThat(FeedHub.feedCount(store.table("test", "t"))).isZero();
    }

    @Test
    void filterAndPluckBeforeChanges_applyToEachSide() {
        // r.table('t').filter({a: 1}).pluck('id').changes()
        try (ResultStream s = feed("[152,[[33,[[39,[" + TBL + ",{\"a\":1}]],\"id\"]]]]")) {
            insert("{\"id\":1,\"a\":2}");
            insert("{\"id\":2,\"a\":1}");
            assertThat(batch(s, 1)).isEqualTo("[{\"new_val\":{\"id\":2},\"old_val\":null}]");
        }
    }

    @Test
    void pointFeed_isAnAtomFeedWithStates() {
        try (ResultStream s = ((QueryResult.Stream) run(
                "[152,[[16,[" + TBL + ",1]]],{\"include_states\":true,\"include_initial\":true}]")).stream()) {
            assertThat(s.notes()).containsExactly(2, 5);
            assertThat(batch(s, 3)).isEqualTo("[{\"state\":\"initializing\"},{\"new_val\":null},{\"state\":\"ready\"}]");
        }
    }

    @Test
    void orderByLimit_isATopNFeed() {
        insert("{\"id\":5}");
        // r.table('t').order_by({index: r.desc('id')}).limit(1).changes({include_initial: true})
        try (ResultStream s = ((QueryResult.Stream) run("[152,[[71,[[41,[" + TBL
                + "],{\"index\":[74,[\"id\"]]}],1]]],{\"include_initial\":true}]")).stream()) {
            assertThat(s.notes()).containsExactly(3);
            assertThat(batch(s, 1)).isEqualTo("[{\"new_val\":{\"id\":5}}]");
            insert("{\"id\":3}");
            insert("{\"id\":9}");
            assertThat(batch(s, 1)).isEqualTo("[{\"new_val\":{\"id\":9},\"old_val\":{\"id\":5}}]");
        }
    }

    @Test
    void offsets_onlyForTopNFeeds() {
        assertThatThrownBy(() -> run("[152,[" + TBL + "],{\"include_offsets\":true}]"))
                .isInstanceOf(ReqlQueryLogicError.class).hasMessage("Cannot include offsets for range subs.");
        assertThatThrownBy(() -> run("[152,[[16,[" + TBL + ",1]]],{\"include_offsets\":true}]"))
                .isInstanceOf(ReqlQueryLogicError.class).hasMessage("Cannot include offsets for point subs.");
    }

    @Test
    void feedNotReturned_isClosed() {
        assertThat(((QueryResult.Atom) run("[52,[[152,[" + TBL + "]]]]")).value().toString()).contains("STREAM");
        assertThat(FeedHub.feedCount(store.table("test", "t"))).isZero();
    }

    @Test
    void terminalOnAFeed_isRefusedAndClosesIt() {
        assertThatThrownBy(() -> run("[41,[[152,[" + TBL + "]],\"id\"]]")).isInstanceOf(ReqlQueryLogicError.class)
                .hasMessage("Cannot call a terminal (`reduce`, `count`, etc.) on an infinite stream (such as a changefeed).");
        assertThat(FeedHub.feedCount(store.table("test", "t"))).isZero();
    }

    @Test
    void closeFromAnotherThread_endsABlockedRead() throws Exception {
        ResultStream s = feed("[152,[" + TBL + "]]");
        Thread closer = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            s.close();
        });
        closer.start();
        assertThat(s.nextBatch(10, 1 << 20)).isEmpty();
        assertThat(s.isExhausted()).isTrue();
        closer.join();
    }
}
