package io.reqldb.query.system;

import io.reqldb.datum.Datum;
import java.util.ArrayList;
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
        ServedProcess process = system.process();
        Object httpAdmin = process.httpAdminPort() != null ? process.httpAdminPort() : "<no http admin>";
        List<Object> canonical = new ArrayList<>();
        for (ServedProcess.Address a : process.canonical()) {
            canonical.add(Rows.obj("host", a.host(), "port", a.port()));
        }
        return List.of(Rows.obj(
                "id", system.serverId().toString(),
                "name", system.serverName(),
                "network", Rows.obj(
                        "canonical_addresses", canonical,
                        "cluster_port", process.clusterPort(),
                        "connected_to", Rows.obj(),
                        "hostname", system.hostname(),
                        "http_admin_port", httpAdmin,
                        "reql_port", process.reqlPort(),
                        "time_connected", system.startTime()),
                "process", Rows.obj(
                        "argv", process.argv(),
                        "cache_size_mb", cacheMb,
                        "pid", system.pid(),
                        "time_started", system.startTime(),
                        "version", SystemContext.VERSION)));
    }
}
