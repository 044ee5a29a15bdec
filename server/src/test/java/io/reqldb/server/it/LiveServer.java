package io.reqldb.server.it;

import com.rethinkdb.RethinkDB;
import com.rethinkdb.net.Connection;
import io.reqldb.query.RqlQueryEngine;
import io.reqldb.query.eval.StoreCatalog;
import io.reqldb.query.limits.QueryLimits;
import io.reqldb.server.ReqlServer;
import io.reqldb.server.ServerConfig;
import io.reqldb.server.auth.InMemoryUserStore;
import io.reqldb.storage.Store;
import io.reqldb.storage.rocksdb.RocksStore;
import io.reqldb.storage.rocksdb.RocksStoreOptions;
import java.nio.file.Path;

/**
 * The whole server as {@code reqldb serve} runs it — RocksDB store, ReQL engine, network layer —
 * on a free loopback port over a data directory, for tests through the official Java driver.
 */
final class LiveServer implements AutoCloseable {
    private final Store store;
    private final ReqlServer server;

    LiveServer(Path dataDir) throws InterruptedException {
        this(dataDir, ServerConfig.builder());
    }

    /** A server with settings of the test's own (its port and thread counts are set here). */
    LiveServer(Path dataDir, ServerConfig.Builder config) throws InterruptedException {
        this.store = RocksStore.open(dataDir, new RocksStoreOptions(32, 8));
        RqlQueryEngine engine = new RqlQueryEngine(store, new StoreCatalog(store));
        this.server = new ReqlServer(config.driverPort(0).queryThreads(8).feedThreads(16).build(),
                engine, InMemoryUserStore.withAdmin("")).start();
    }

    /** Running and cancelled queries, memory held: what the tests of limits watch. */
    QueryLimits queryLimits() {
        return server.queryLimits();
    }

    /**
     * Bytes the server's pool holds once the answers sent so far have been written: a query's
     * memory goes back when its last answer has left, which a client may see a moment before
     * the server's network thread does. Waits up to 10 s for it to reach zero.
     */
    long reservedOnceAnswersWritten() {
        long deadline = System.nanoTime() + 10_000_000_000L;
        long held = server.queryLimits().reservedBytes();
        while (held != 0 && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
            held = server.queryLimits().reservedBytes();
        }
        return held;
    }

    int port() {
        return server.port();
    }

    Connection connect() {
        return RethinkDB.r.connection().hostname("127.0.0.1").port(server.port()).connect();
    }

    @Override
    public void close() {
        server.close();
        store.close();
    }
}
