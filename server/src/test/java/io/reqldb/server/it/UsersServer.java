package io.reqldb.server.it;

import com.rethinkdb.RethinkDB;
import com.rethinkdb.net.Connection;
import io.reqldb.query.RqlQueryEngine;
import io.reqldb.query.eval.StoreCatalog;
import io.reqldb.query.system.Users;
import io.reqldb.server.ReqlServer;
import io.reqldb.server.ServerConfig;
import io.reqldb.server.auth.PasswordHash;
import io.reqldb.storage.Store;
import io.reqldb.storage.rocksdb.RocksStore;
import io.reqldb.storage.rocksdb.RocksStoreOptions;
import java.nio.file.Path;

/**
 * The whole server with its users where {@code reqldb serve} keeps them, in {@code rethinkdb.users}
 * (so users created by queries can connect), on a free loopback port.
 */
final class UsersServer implements AutoCloseable {
    private final Store store;
    private final ReqlServer server;

    UsersServer(Path dataDir) throws InterruptedException {
        this.store = RocksStore.open(dataDir, new RocksStoreOptions(32, 8));
        StoreCatalog catalog = new StoreCatalog(store);
        Users users = catalog.users();
        this.server = new ReqlServer(ServerConfig.builder().driverPort(0).queryThreads(4).feedThreads(4).build(),
                new RqlQueryEngine(store, catalog),
                name -> users.credentials(name).map(p -> new PasswordHash(p.salt(), p.iterations(), p.saltedPassword())))
                .start();
    }

    int port() {
        return server.port();
    }

    Connection connect(String user, String password) {
        return RethinkDB.r.connection().hostname("127.0.0.1").port(server.port()).user(user, password).connect();
    }

    @Override
    public void close() {
        server.close();
        store.close();
    }
}
