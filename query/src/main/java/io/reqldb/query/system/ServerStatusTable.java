package io.reqldb.query.system;

import io.reqldb.datum.Datum;
import java.util.List;

/**
 * {@code rethinkdb.server_status}: the one server. {@code process.version} reads
 * "rethinkdb 2.4.4 (ReqlDB 0.1.0)" so tools that match {@code rethinkdb X.Y.Z} accept it.
 */
public final class ServerStatusTable extends SystemTable {
    public ServerStatusTable(SystemContext system, boolean uuidFormat) {
        super(system, "server_status", uuidFormat);
    }

    @Override
    protected List<Datum> rows() {
        // The storage cache (--cache-size), as RethinkDB reports its own: not the JVM's heap.
        long cacheMb = system.store().cacheBytes() / (1024 * 1024);
        return List.of(Rows.obj(
                "id", system.serverId().toString(),
                "name", system.serverName(),
                "network", Rows.obj(
                        "canonical_addresses", List.of(Rows.obj("host", "127.0.0.1", "port", 29015)),
                        "cluster_port", 29015,
                        "connected_to", Rows.obj(),
                        "hostname", system.hostname(),
                        "http_admin_port", "<no http admin>",
                        "reql_port", system.reqlPort(),
                        "time_connected", system.startTime()),
                "process", Rows.obj(
                        "argv", system.argv(),
                        "cache_size_mb", cacheMb,
                        "pid", system.pid(),
                        "time_started", system.startTime(),
                        "version", SystemContext.VERSION)));
    }
}
