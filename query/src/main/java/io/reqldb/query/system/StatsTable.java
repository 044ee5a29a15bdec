package io.reqldb.query.system;

import io.reqldb.datum.Datum;
import io.reqldb.storage.TableInfo;
import java.util.ArrayList;
import java.util.List;

/** {@code rethinkdb.stats}: RethinkDB's rows (cluster, server, table, table_server) with zero rates. */
public final class StatsTable extends SystemTable {
    public StatsTable(SystemContext system, boolean uuidFormat) {
        super(system, "stats", uuidFormat);
    }

    @Override
    protected List<Datum> rows() {
        List<Datum> out = new ArrayList<>();
        String server = uuidFormat ? system.serverId().toString() : system.serverName();
        out.add(Rows.obj("id", List.of("cluster"), "query_engine", Rows.obj("client_connections", 0,
                "clients_active", 0, "queries_per_sec", 0, "read_docs_per_sec", 0, "written_docs_per_sec", 0)));
        out.add(Rows.obj("id", List.of("server", system.serverId().toString()), "server", server,
                "query_engine", Rows.obj("client_connections", 0, "clients_active", 0, "queries_per_sec", 0,
                        "queries_total", 0, "read_docs_per_sec", 0, "read_docs_total", 0,
                        "written_docs_per_sec", 0, "written_docs_total", 0)));
        for (TableInfo t : TableRows.allTables(system)) {
            Datum db = TableRows.dbRef(t, uuidFormat);
            Object table = uuidFormat ? t.id().toString() : t.name();
            out.add(Rows.obj("id", List.of("table", t.id().toString()), "db", db, "table", table,
                    "query_engine", Rows.obj("read_docs_per_sec", 0, "written_docs_per_sec", 0)));
            out.add(Rows.obj("id", List.of("table_server", t.id().toString(), system.serverId().toString()),
                    "db", db, "table", table, "server", server,
                    "query_engine", Rows.obj("read_docs_per_sec", 0, "read_docs_total", 0,
                            "written_docs_per_sec", 0, "written_docs_total", 0),
                    "storage_engine", Rows.obj(
                            "cache", Rows.obj("in_use_bytes", 0),
                            "disk", Rows.obj("read_bytes_per_sec", 0, "read_bytes_total", 0,
                                    "space_usage", Rows.obj("data_bytes", 0, "garbage_bytes", 0,
                                            "metadata_bytes", 0, "preallocated_bytes", 0),
                                    "written_bytes_per_sec", 0, "written_bytes_total", 0))));
        }
        return out;
    }
}
