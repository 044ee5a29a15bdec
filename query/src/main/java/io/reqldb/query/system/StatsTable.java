package io.reqldb.query.system;

import io.reqldb.datum.Datum;
import io.reqldb.query.stats.Rates;
import io.reqldb.query.stats.ServerActivity;
import io.reqldb.storage.DocumentTraffic;
import io.reqldb.storage.TableInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code rethinkdb.stats}: RethinkDB's rows (cluster, server, table, table_server) with the
 * server's real connection and query figures, each table's documents read and written, the
 * bytes they took, and its approximate size ({@code data_bytes}: documents and index entries).
 *
 * <p>All tables share one cache and one set of files, so a table's {@code in_use_bytes} and
 * {@code garbage_bytes} are the shared figures' part in proportion to the table's size: they add
 * up to the server's. {@code metadata_bytes} and {@code preallocated_bytes} have no per-table
 * counterpart in RocksDB and read 0.
 */
public final class StatsTable extends SystemTable {
    public StatsTable(SystemContext system, boolean uuidFormat) {
        super(system, "stats", uuidFormat);
    }

    @Override
    protected List<Datum> rows() {
        List<Datum> out = new ArrayList<>();
        String server = uuidFormat ? system.serverId().toString() : system.serverName();
        ServerActivity activity = system.activity();
        Rates rates = system.rates();
        DocumentTraffic all = system.store().traffic();
        double queriesPerSec = rates.perSecond("queries", activity.queriesTotal());
        double readPerSec = rates.perSecond("read", all.readTotal());
        double writtenPerSec = rates.perSecond("written", all.writtenTotal());
        out.add(Rows.obj("id", List.of("cluster"), "query_engine", Rows.obj(
                "client_connections", activity.clientConnections(), "clients_active", activity.clientsActive(),
                "queries_per_sec", queriesPerSec, "read_docs_per_sec", readPerSec,
                "written_docs_per_sec", writtenPerSec)));
        out.add(Rows.obj("id", List.of("server", system.serverId().toString()), "server", server,
                "query_engine", Rows.obj("client_connections", activity.clientConnections(),
                        "clients_active", activity.clientsActive(), "queries_per_sec", queriesPerSec,
                        "queries_total", activity.queriesTotal(), "read_docs_per_sec", readPerSec,
                        "read_docs_total", all.readTotal(), "written_docs_per_sec", writtenPerSec,
                        "written_docs_total", all.writtenTotal())));
        List<TableInfo> tables = TableRows.allTables(system);
        Map<UUID, Long> sizes = new HashMap<>();
        tables.forEach(t -> sizes.put(t.id(), system.store().approximateBytes(t.id())));
        long allSizes = sizes.values().stream().mapToLong(Long::longValue).sum();
        long cacheInUse = tables.isEmpty() ? 0 : system.store().cacheInUseBytes();
        long garbage = tables.isEmpty() ? 0 : system.store().garbageBytes();
        for (TableInfo t : tables) {
            long size = sizes.get(t.id());
            Datum db = TableRows.dbRef(t, uuidFormat);
            Object table = uuidFormat ? t.id().toString() : t.name();
            DocumentTraffic traffic = system.store().traffic(t.id());
            double tableRead = rates.perSecond("read:" + t.id(), traffic.readTotal());
            double tableWritten = rates.perSecond("written:" + t.id(), traffic.writtenTotal());
            out.add(Rows.obj("id", List.of("table", t.id().toString()), "db", db, "table", table,
                    "query_engine", Rows.obj("read_docs_per_sec", tableRead, "written_docs_per_sec", tableWritten)));
            out.add(Rows.obj("id", List.of("table_server", t.id().toString(), system.serverId().toString()),
                    "db", db, "table", table, "server", server,
                    "query_engine", Rows.obj("read_docs_per_sec", tableRead, "read_docs_total", traffic.readTotal(),
                            "written_docs_per_sec", tableWritten, "written_docs_total", traffic.writtenTotal()),
                    "storage_engine", Rows.obj(
                            "cache", Rows.obj("in_use_bytes", share(cacheInUse, size, allSizes)),
                            "disk", Rows.obj(
                                    "read_bytes_per_sec", rates.perSecond("readBytes:" + t.id(), traffic.readBytesTotal()),
                                    "read_bytes_total", traffic.readBytesTotal(),
                                    "space_usage", Rows.obj("data_bytes", size,
                                            "garbage_bytes", share(garbage, size, allSizes),
                                            "metadata_bytes", 0, "preallocated_bytes", 0),
                                    "written_bytes_per_sec",
                                    rates.perSecond("writtenBytes:" + t.id(), traffic.writtenBytesTotal()),
                                    "written_bytes_total", traffic.writtenBytesTotal()))));
        }
        return out;
    }

    /** A table's part of a figure all tables share, in proportion to its size (all of it for the only non-empty one). */
    private static long share(long figure, long size, long allSizes) {
        return allSizes == 0 ? 0 : (long) ((double) figure * size / allSizes);
    }
}
