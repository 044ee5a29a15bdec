package io.reqldb.cli;

import io.reqldb.query.QueryEngine;
import io.reqldb.query.RqlQueryEngine;
import io.reqldb.query.eval.StoreCatalog;
import io.reqldb.query.system.CurrentIssuesTable;
import io.reqldb.query.system.ServedProcess;
import io.reqldb.query.terms.http.HttpAccess;
import io.reqldb.query.terms.index.FieldLookups;
import io.reqldb.server.metrics.ServerMetrics;
import io.reqldb.storage.rocksdb.RocksStore;
import io.reqldb.storage.rocksdb.RocksStoreOptions;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * What {@code serve} runs queries against: the storage under the data directory and the engine
 * over it, opened together and closed together after the server stops.
 */
final class ServeBackend implements AutoCloseable {
    private final RocksStore store;
    private final StoreCatalog catalog;
    private final RqlQueryEngine engine;

    private ServeBackend(RocksStore store, HttpAccess httpAccess) {
        this.store = store;
        this.catalog = new StoreCatalog(store);
        this.engine = new RqlQueryEngine(store, catalog, httpAccess);
        String outdated = CurrentIssuesTable.startupWarning(catalog.system().context());
        if (outdated != null) {
            LoggerFactory.getLogger(ServeBackend.class).warn("{}\nRebuild them with `reqldb index-rebuild`.", outdated);
        }
    }

    /** Users and their passwords as {@code rethinkdb.users} holds them, for the handshake. */
    io.reqldb.server.auth.UserStore users(String adminPassword) {
        io.reqldb.query.system.Users users = catalog.users();
        if (adminPassword != null && !adminPassword.isEmpty()) {
            users.setPassword(io.reqldb.query.system.Users.ADMIN, adminPassword);
        }
        return name -> users.credentials(name).map(p ->
                new io.reqldb.server.auth.PasswordHash(p.salt(), p.iterations(), p.saltedPassword()));
    }

    /** Whether the admin user has a password (given now with --initial-password, or stored). */
    boolean adminHasPassword() {
        return catalog.users().hasPassword(io.reqldb.query.system.Users.ADMIN);
    }

    /** For the system tables: the server's name, the real command line, ports, addresses and log. */
    void describeProcess(ServedProcess process) {
        catalog.system().context().describeProcess(process);
        catalog.system().context().reportAs(Relaunch.launcher());
    }

    /** Where the server counts connections and queries, for {@code rethinkdb.stats}. */
    io.reqldb.query.stats.ServerActivity activity() {
        return catalog.system().context().activity();
    }

    /** The server's id, as the system tables report it (SERVER_INFO reports the same). */
    java.util.UUID serverId() {
        return catalog.system().context().serverId();
    }

    /** What the metrics endpoint reports. */
    ServerMetrics metrics() {
        return new ServerMetrics(catalog.system().context(), store::engineFigures);
    }

    QueryEngine engine() {
        return engine;
    }

    @Override
    public void close() {
        store.close();
    }

    /**
     * Opens the data directory (created if missing), migrating an older format first (see
     * {@link io.reqldb.storage.rocksdb.StartupDecision}); logs the outdated_index issue if any.
     *
     * @param directory   the data directory ({@code --directory})
     * @param cacheSizeMb the cache size ({@code --cache-size}, 'auto' resolved), in MB
     * @param httpAccess  what {@code r.http} may reach and read
     */
    static ServeBackend open(Path directory, long cacheSizeMb, HttpAccess httpAccess) {
        RocksStoreOptions options = RocksStoreOptions.DEFAULT.withCacheSizeMb((int) cacheSizeMb);
        return new ServeBackend(RocksStore.open(directory, options, FieldLookups.INSTANCE), httpAccess);
    }
}
