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
        text.gauge("reqldb_client_connections", "Client driver connections open.", activity.clientConnections());
        text.gauge("reqldb_clients_active", "Client connections with a query unanswered.", activity.clientsActive());
        text.counter("reqldb_queries_total", "Queries received (START).", activity.queriesTotal());
        text.gauge("reqldb_queries_per_second", "Queries received per second, as rethinkdb.stats reports.",
                rates.perSecond("queries", activity.queriesTotal()));
        DocumentTraffic all = store.traffic();
        text.counter("reqldb_read_docs_total", "Documents read from every table.", all.readTotal());
        text.gauge("reqldb_read_docs_per_second", "Documents read per second, as rethinkdb.stats reports.",
                rates.perSecond("read", all.readTotal()));
        text.counter("reqldb_written_docs_total", "Documents written to every table.", all.writtenTotal());
        text.gauge("reqldb_written_docs_per_second", "Documents written per second, as rethinkdb.stats reports.",
                rates.perSecond("written", all.writtenTotal()));
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
        text.gauge("reqldb_rocksdb_block_cache_bytes", "Bytes held in RocksDB's block cache.", f.blockCacheBytes());
        text.gauge("reqldb_rocksdb_memtable_bytes", "Bytes in RocksDB's memtables.", f.memtableBytes());
        text.gauge("reqldb_rocksdb_sst_bytes", "Bytes of RocksDB's SST files.", f.sstBytes());
        text.gauge("reqldb_rocksdb_pending_compaction_bytes", "Bytes RocksDB estimates compaction has to rewrite.",
                f.pendingCompactionBytes());
        text.gauge("reqldb_rocksdb_compactions_pending", "RocksDB column families with a compaction pending.",
                f.compactionsPending());
        text.gauge("reqldb_rocksdb_running_compactions", "RocksDB compactions running.", f.runningCompactions());
    }
}
