package io.reqldb.tools.export;

import static com.rethinkdb.RethinkDB.r;

import com.rethinkdb.gen.ast.ReqlExpr;
import com.rethinkdb.gen.ast.Table;
import com.rethinkdb.gen.exc.ReqlDriverError;
import com.rethinkdb.model.OptArgs;
import com.rethinkdb.net.Connection;
import com.rethinkdb.net.Result;
import io.reqldb.tools.archive.TableInfo;
import io.reqldb.tools.conn.Endpoint;
import io.reqldb.tools.format.RowWriter;
import io.reqldb.tools.progress.Progress;
import io.reqldb.tools.progress.ProgressTask;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exports one table with the official queries: {@code info()}, {@code index_status()} and
 * {@code get_write_hook()} (raw binary) for the {@code .info}, then one
 * {@code order_by(index=<pk>)} cursor streamed into the data file. A dropped connection is
 * re-opened and the read resumes after the last primary key written (the official tool means to
 * do this but never reconnects).
 */
final class TableExporter {
    private static final int RECONNECT_TRIES = 5;

    private final Endpoint endpoint;
    private final ExportSettings settings;
    private final Snapshot snapshot;
    private final boolean writeHooks;

    TableExporter(Endpoint endpoint, ExportSettings settings, Snapshot snapshot, boolean writeHooks) {
        this.endpoint = endpoint;
        this.settings = settings;
        this.snapshot = snapshot;
        this.writeHooks = writeHooks;
    }

    /** Exports the table into the sink and returns its row count. */
    long export(TableRef ref, TableSink sink, Progress progress) throws IOException {
        Connection conn = endpoint.connect();
        try {
            TableInfo info = readInfo(conn, ref);
            ProgressTask task = progress.start(ref.toString(), "rows", estimate(info));
            long rows;
            try (RowWriter writer = settings.format().writer(
                    new BufferedOutputStream(sink.openData(ref, settings.format().extension()), 1 << 16),
                    settings.fields(), settings.delimiter())) {
                rows = copyRows(conn, ref, info.primaryKey(), writer, task);
            }
            task.total(rows);
            sink.finishTable(ref, settings.format().extension(), info);
            progress.finish(task);
            return rows;
        } finally {
            conn.close();
        }
    }

    private TableInfo readInfo(Connection conn, TableRef ref) {
        Table table = r.db(ref.db()).table(ref.table());
        // Metadata is read live, not at the snapshot: it is not versioned by the snapshot anyway, and
        // info() at a snapshot would count the rows (doc_count_estimates) with a full scan.
        OptArgs raw = new OptArgs().with("binary_format", "raw");
        @SuppressWarnings("unchecked")
        Map<String, Object> info = (Map<String, Object>) table.info().run(conn).single();
        Object indexes = table.indexStatus().run(conn, raw).single();
        info = new LinkedHashMap<>(info);
        info.put("indexes", indexes); // replaces the list of names in place, keeping the key order
        if (writeHooks) {
            info.put("write_hook", table.getWriteHook().run(conn, raw).single());
        }
        return new TableInfo(info);
    }

    private long copyRows(Connection first, TableRef ref, String pk, RowWriter writer, ProgressTask task)
            throws IOException {
        Connection conn = first;
        Object lastKey = null;
        long rows = 0;
        for (int attempt = 0; ; attempt++) {
            try (Result<Object> cursor = readQuery(ref, pk, lastKey).run(conn, readOptions())) {
                while (cursor.hasNext()) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> row = (Map<String, Object>) cursor.next();
                    lastKey = row.get(pk);
                    writer.write(keepFields(row));
                    rows++;
                    task.advance(1);
                }
                return rows;
            } catch (ReqlDriverError e) {
                if (attempt + 1 >= RECONNECT_TRIES) {
                    throw e;
                }
                if (conn != first) {
                    conn.close();
                }
                conn = endpoint.connect();
            }
        }
    }

    private static ReqlExpr readQuery(TableRef ref, String pk, Object after) {
        Table table = r.db(ref.db()).table(ref.table());
        if (after == null) {
            return table.orderBy().optArg("index", pk);
        }
        return table.between(after, r.maxval()).optArg("left_bound", "open").orderBy().optArg("index", pk);
    }

    private OptArgs readOptions() {
        OptArgs options = new OptArgs().with("time_format", "raw").with("binary_format", "raw");
        if (settings.readOutdated()) {
            options = options.with("read_mode", "outdated");
        }
        return snapshot.apply(options);
    }

    private Map<String, Object> keepFields(Map<String, Object> row) {
        List<String> fields = settings.fields();
        if (fields == null) {
            return row;
        }
        // Server order, not the order of --fields, as the official export does.
        row.keySet().retainAll(fields);
        return row;
    }

    private static long estimate(TableInfo info) {
        Object estimates = info.fields().get("doc_count_estimates");
        if (!(estimates instanceof List<?> list)) {
            return 0;
        }
        return list.stream().mapToLong(n -> n instanceof Number num ? num.longValue() : 0).sum();
    }
}
