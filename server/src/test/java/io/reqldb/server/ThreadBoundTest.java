package io.reqldb.server;

import static com.rethinkdb.RethinkDB.r;
import static org.assertj.core.api.Assertions.assertThat;

import com.rethinkdb.RethinkDB;
import com.rethinkdb.net.Connection;
import com.rethinkdb.net.Result;
import io.reqldb.query.RqlQueryEngine;
import io.reqldb.query.eval.StoreCatalog;
import io.reqldb.server.auth.InMemoryUserStore;
import io.reqldb.storage.TableOptions;
import io.reqldb.storage.rocksdb.RocksStore;
import io.reqldb.storage.rocksdb.RocksStoreOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Open changefeeds and cursors hold no server thread each: with more feeds than the server may
 * have threads, whose clients all wait for their next change, and 100 cursors left open, the
 * server's threads stay within a small multiple of the cores (its pools' default ceilings, the
 * feeds' timer and the index builder), however many feeds there are.
 */
class ThreadBoundTest {
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    /** Two pools of 4 threads per core (at least 8), the feeds' timer, the index builder. */
    private static final int CEILING = 2 * Math.max(8, 4 * CORES) + 2;
    private static final int FEEDS = CEILING + 100;
    private static final int CURSORS = 100;
    private static final int CONNECTIONS = 8;

    @TempDir
    Path dir;

    @Test
    void manyWaitingFeedsAndOpenCursors_keepServerThreadsWithinThePoolCeilings() throws Exception {
        ServerConfig config = ServerConfig.builder().driverPort(0).build();
        int ceiling = CEILING;
        ExecutorService clients = Executors.newCachedThreadPool();
        try (RocksStore store = RocksStore.open(dir, new RocksStoreOptions(16, 8))) {
            store.createDatabase("test");
            store.createTable("test", "t", TableOptions.DEFAULT);
            ReqlServer server = new ReqlServer(config, new RqlQueryEngine(store, new StoreCatalog(store)),
                    InMemoryUserStore.withAdmin("")).start();
            List<Connection> conns = new ArrayList<>();
            try {
                for (int i = 0; i < CONNECTIONS; i++) {
                    conns.add(RethinkDB.r.connection().hostname("127.0.0.1").port(server.port()).connect());
                }
                List<Result<Object>> feeds = new ArrayList<>();
                for (int i = 0; i < FEEDS; i++) {
                    feeds.add(r.table("t").changes().run(conns.get(i % CONNECTIONS)));
                }
                for (int i = 0; i < CURSORS; i++) {
                    r.range().run(conns.get(i % CONNECTIONS));   // infinite: stays open, one batch read
                }
                // Each feed's client waits for a change (a CONTINUE pending on the server), gets
                // the first write, then waits again: every feed goes through a wait, a wake and a
                // read, all at once.
                for (int round = 0; round < 2; round++) {
                    List<Future<Object>> next = new ArrayList<>();
                    for (Result<Object> feed : feeds) {
                        next.add(clients.submit((Callable<Object>) feed::next));
                    }
                    r.table("t").insert(r.hashMap("id", round)).run(conns.get(0));
                    for (Future<Object> n : next) {
                        Map<?, ?> change = (Map<?, ?>) n.get(60, TimeUnit.SECONDS);
                        assertThat(change.containsKey("new_val")).isTrue();
                    }
                    assertThat(serverThreads()).isLessThanOrEqualTo(ceiling);
                }
                for (Result<Object> feed : feeds) {
                    clients.submit((Callable<Object>) feed::next);   // left waiting
                }
                assertThat(serverThreads()).isLessThanOrEqualTo(ceiling);
            } finally {
                conns.forEach(Connection::close);
                server.close();
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /** Threads the server's code started (its pools and timers are all named reqldb-...). */
    private static long serverThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("reqldb-")).count();
    }
}
