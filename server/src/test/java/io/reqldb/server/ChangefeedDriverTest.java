package io.reqldb.server;

import static com.rethinkdb.RethinkDB.r;
import static org.assertj.core.api.Assertions.assertThat;

import com.rethinkdb.net.Connection;
import com.rethinkdb.net.Result;
import io.reqldb.query.RqlQueryEngine;
import io.reqldb.query.eval.StoreCatalog;
import io.reqldb.query.term.TermRegistry;
import io.reqldb.query.term.TermType;
import io.reqldb.query.terms.TermFamilies;
import io.reqldb.storage.TableOptions;
import io.reqldb.storage.rocksdb.RocksStore;
import io.reqldb.storage.rocksdb.RocksStoreOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Changefeeds end to end: the real engine on RocksDB behind the server, read through the
 * official Java driver, as applications do.
 */
class ChangefeedDriverTest {
    private static final int FEEDS = 100;
    private static final int WRITES = 10_000;
    private static final int KEYS = 100;
    private static final int WRITERS = 4;

    @TempDir
    Path dir;
    private RocksStore store;
    private DriverTestServer server;

    @BeforeEach
    void start() throws InterruptedException {
        TermRegistry terms = new TermRegistry();
        TermFamilies.registerAll(terms);
        Assumptions.assumeTrue(terms.isRegistered(TermType.TABLE) && terms.isRegistered(TermType.INSERT)
                && terms.isRegistered(TermType.LIMIT), "table, insert and limit terms not there yet");
        store = RocksStore.open(dir, new RocksStoreOptions(16, 8));
        store.createDatabase("test");
        store.createTable("test", "t", TableOptions.DEFAULT);
        server = new DriverTestServer(new RqlQueryEngine(store, new StoreCatalog(store)));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void hundredFeeds_eachSeeEveryWriteOnceInOrderPerKey() throws Exception {
        ExecutorService pool = Executors.newCachedThreadPool();
        List<Connection> conns = new ArrayList<>();
        try {
            List<Future<String>> readers = new ArrayList<>();
            for (int f = 0; f < FEEDS; f++) {
                if (f % 10 == 0) {
                    conns.add(server.connect());
                }
                Result<Object> feed = r.table("t").changes().run(conns.get(conns.size() - 1));
                // The driver's default fetch mode (PREEMPTIVE_HALF) can miss sending a CONTINUE when
                // one-row batches race with the reader; feeds read best with AGGRESSIVE.
                feed.overrideFetchMode(Result.FetchMode.AGGRESSIVE);
                readers.add(pool.submit(() -> check(feed)));
            }
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    try (Connection conn = server.connect()) {
                        // Each key belongs to one writer, which writes its versions 1, 2, 3, ... in order.
                        for (int i = writer; i < WRITES; i += WRITERS) {
                            int key = i % KEYS;
                            Map<String, Object> doc = new HashMap<>();
                            doc.put("id", key);
                            doc.put("v", i / KEYS + 1);
                            r.table("t").insert(doc).optArg("conflict", "replace").run(conn);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> w : writers) {
                w.get(120, TimeUnit.SECONDS);
            }
            for (Future<String> rd : readers) {
                assertThat(rd.get(120, TimeUnit.SECONDS)).isEqualTo("ok");
            }
        } finally {
            conns.forEach(Connection::close);
            pool.shutdownNow();
        }
    }

    /** Reads WRITES changes; each key's versions must be 1, 2, 3, ... with no gap or repeat. */
    private static String check(Result<Object> feed) {
        Map<Object, Long> last = new HashMap<>();
        for (int n = 0; n < WRITES; n++) {
            Map<?, ?> change = (Map<?, ?>) feed.next();
            Map<?, ?> nv = (Map<?, ?>) change.get("new_val");
            long v = ((Number) nv.get("v")).longValue();
            long prev = last.getOrDefault(nv.get("id"), 0L);
            if (v != prev + 1) {
                return "key " + nv.get("id") + " went from " + prev + " to " + v;
            }
            last.put(nv.get("id"), v);
        }
        feed.close();
        return "ok";
    }

    @Test
    void pointFeed_withInitialValue_thenChanges() {
        try (Connection conn = server.connect()) {
            Result<Object> feed = r.table("t").get(1).changes().optArg("include_initial", true).run(conn);
            Map<?, ?> initial = (Map<?, ?>) feed.next();
            assertThat(initial.containsKey("new_val") && initial.get("new_val") == null && initial.size() == 1).isTrue();
            r.table("t").insert(Map.of("id", 1)).run(conn);
            Map<?, ?> change = (Map<?, ?>) feed.next();
            assertThat(change.get("old_val")).isNull();
            assertThat(change.get("new_val")).isEqualTo(Map.of("id", 1L));
            feed.close();
        }
    }
}
