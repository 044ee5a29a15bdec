package io.reqldb.server.metrics;

import io.reqldb.query.stats.LatencyHistogram;
import io.reqldb.query.stats.Rates;
import io.reqldb.query.stats.ServerActivity;
import io.reqldb.query.system.SystemContext;
import io.reqldb.storage.DatabaseInfo;
import io.reqldb.storage.DocumentTraffic;
import io.reqldb.storage.Store;
import io.reqldb.storage.TableInfo;
import io.reqldb.storage.rocksdb.EngineFigures;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the endpoint reports, read fresh for each scrape: the figures {@code rethinkdb.stats}
 * reports (its per-second rates from the same {@link Rates}), each table's totals, the latency
 * of queries to their first answer, and RocksDB's figures.
 *
 * @param system what {@code rethinkdb.stats} reads: connections and queries, rates, the store's tables
 * @param engine RocksDB's figures now
 */
public record ServerMetrics(SystemContext system, Supplier<EngineFigures> engine) {

    /** The exposition text. */
    public String render() {
        ServerActivity activity = system.activity();
        Rates rates = system.rates();
        Store store = system.store();
        PrometheusText text = new PrometheusText();
        text.family("reqldb_client_connections", "gauge", "Client driver connections open.")
                .sample("reqldb_client_connections", activity.clientConnections());
        text.family("reqldb_clients_active", "gauge", "Client connections with a query unanswered.")
                .sample("reqldb_clients_active", activity.clientsActive());
        text.family("reqldb_queries_total", "counter", "Queries received (START).")
                .sample("reqldb_queries_total", activity.queriesTotal());
        text.family("reqldb_queries_per_second", "gauge", "Queries received per second, as rethinkdb.stats reports.")
                .sample("reqldb_queries_per_second", rates.perSecond("queries", activity.queriesTotal()));
        DocumentTraffic all = store.traffic();
        text.family("reqldb_read_docs_total", "counter", "Documents read from every table.")
                .sample("reqldb_read_docs_total", all.readTotal());
        text.family("reqldb_read_docs_per_second", "gauge", "Documents read per second, as rethinkdb.stats reports.")
                .sample("reqldb_read_docs_per_second", rates.perSecond("read", all.readTotal()));
        text.family("reqldb_written_docs_total", "counter", "Documents written to every table.")
                .sample("reqldb_written_docs_total", all.writtenTotal());
        text.family("reqldb_written_docs_per_second", "gauge", "Documents written per second, as rethinkdb.stats reports.")
                .sample("reqldb_written_docs_per_second", rates.perSecond("written", all.writtenTotal()));
        tables(text, store);
        latency(text);
        engine(text, engine.get());
        return text.toString();
    }

    private void tables(PrometheusText text, Store store) {
        List<TableInfo> tables = new ArrayList<>();
        for (DatabaseInfo db : system.userDatabases()) {
            tables.addAll(store.tables(db.name()));
        }
        text.family("reqldb_table_read_docs_total", "counter", "Documents read from the table.");
        for (TableInfo t : tables) {
            text.sample("reqldb_table_read_docs_total", store.traffic(t.id()).readTotal(), "db", t.db(), "table", t.name());
        }
        text.family("reqldb_table_written_docs_total", "counter", "Documents written to the table.");
        for (TableInfo t : tables) {
            text.sample("reqldb_table_written_docs_total", store.traffic(t.id()).writtenTotal(), "db", t.db(),
                    "table", t.name());
        }
    }

    private void latency(PrometheusText text) {
        String name = "reqldb_query_latency_seconds";
        LatencyHistogram histogram = system.activity().latency();
        long[] counts = histogram.cumulativeCounts();
        text.family(name, "histogram", "Time from a query's arrival to its first answer.");
        for (int i = 0; i < LatencyHistogram.BOUNDS.length; i++) {
            text.sample(name + "_bucket", counts[i], "le", Double.toString(LatencyHistogram.BOUNDS[i]));
        }
        text.sample(name + "_bucket", counts[counts.length - 1], "le", "+Inf");
        text.sample(name + "_sum", histogram.sumSeconds());
        text.sample(name + "_count", counts[counts.length - 1]);
    }

    private static void engine(PrometheusText text, EngineFigures f) {
        text.family("reqldb_rocksdb_block_cache_bytes", "gauge", "Bytes held in RocksDB's block cache.")
                .sample("reqldb_rocksdb_block_cache_bytes", f.blockCacheBytes());
        text.family("reqldb_rocksdb_memtable_bytes", "gauge", "Bytes in RocksDB's memtables.")
                .sample("reqldb_rocksdb_memtable_bytes", f.memtableBytes());
        text.family("reqldb_rocksdb_sst_bytes", "gauge", "Bytes of RocksDB's SST files.")
                .sample("reqldb_rocksdb_sst_bytes", f.sstBytes());
        text.family("reqldb_rocksdb_pending_compaction_bytes", "gauge", "Bytes RocksDB estimates compaction has to rewrite.")
                .sample("reqldb_rocksdb_pending_compaction_bytes", f.pendingCompactionBytes());
        text.family("reqldb_rocksdb_compactions_pending", "gauge", "RocksDB column families with a compaction pending.")
                .sample("reqldb_rocksdb_compactions_pending", f.compactionsPending());
        text.family("reqldb_rocksdb_running_compactions", "gauge", "RocksDB compactions running.")
                .sample("reqldb_rocksdb_running_compactions", f.runningCompactions());
    }
}
