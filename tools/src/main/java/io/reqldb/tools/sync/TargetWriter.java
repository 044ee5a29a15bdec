package io.reqldb.tools.sync;

import static com.rethinkdb.RethinkDB.r;

import com.rethinkdb.gen.ast.Delete;
import com.rethinkdb.gen.ast.Insert;
import com.rethinkdb.gen.ast.ReqlExpr;
import com.rethinkdb.gen.ast.Table;
import com.rethinkdb.gen.exc.ReqlError;
import com.rethinkdb.net.Connection;
import io.reqldb.tools.conn.Errors;
import io.reqldb.tools.conn.Endpoint;
import io.reqldb.tools.conn.WireValue;
import io.reqldb.tools.export.TableRef;
import io.reqldb.tools.format.PyJson;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes rows into the target as they are on the source: {@code insert(rows, conflict:
 * "replace")} and {@code get_all(keys).delete()}, both with {@code ignore_write_hook} where the
 * target has write hooks (RethinkDB 2.3.7 on), so a hook copied with the table does not rewrite
 * rows its source twin already rewrote. Both set rows to given values, so after a dropped
 * connection they are sent again ({@link Retry}) without losing or doubling anything. A row the
 * target refuses (a write error, a document too large for it) is reported with its key, never
 * skipped silently.
 */
final class TargetWriter implements AutoCloseable {
    /** Most bytes of documents sent in one insert: far under the limit, few queries. */
    static final long BATCH_BYTES = 8L << 20;

    private final Endpoint endpoint;
    private final boolean hooks;
    private final Consumer<String> report;
    private Connection conn;
    private long rejected;

    TargetWriter(Endpoint endpoint, boolean hooks, Consumer<String> report) {
        this.endpoint = endpoint;
        this.hooks = hooks;
        this.report = report;
        this.conn = endpoint.connect();
    }

    Endpoint endpoint() {
        return endpoint;
    }

    /** Rows the target refused so far. */
    long rejected() {
        return rejected;
    }

    /**
     * Inserts or replaces {@code rows} (raw-format documents, as the source gave them), in
     * queries of at most {@link #BATCH_BYTES} so large documents stay under the target's query
     * size limit (128 MB on RethinkDB and ReqlDB).
     */
    void upsert(TableRef ref, String pk, List<?> rows) {
        int from = 0;
        while (from < rows.size()) {
            int to = from;
            long bytes = 0;
            while (to < rows.size()) {
                long size = RowSize.estimate(rows.get(to));
                if (to > from && bytes + size > BATCH_BYTES) {
                    break;
                }
                bytes += size;
                to++;
            }
            upsertBatch(ref, pk, rows.subList(from, to));
            from = to;
        }
    }

    /**
     * One insert; when the target refuses some rows (the answer names only the first error) or
     * the whole query (a document too large, say), each row is sent alone so every refused row
     * is reported with its key.
     */
    private void upsertBatch(TableRef ref, String pk, List<?> rows) {
        if (rows.isEmpty() || insert(ref, rows) == null) {
            return;
        }
        for (Object row : rows) {
            String refusal = insert(ref, List.of(row));
            if (refusal != null) {
                rejected++;
                report.accept(ref + ": the target refused the row with key " + PyJson.encode(((Map<?, ?>) row).get(pk))
                        + ": " + refusal);
            }
        }
    }

    /** Inserts the rows; null when all were written, else why (some of) them were not. */
    private String insert(TableRef ref, List<?> rows) {
        Map<?, ?> result;
        try {
            result = run("insert into " + ref, withHookOption(table(ref).insert(new WireValue(rows))
                    .optArg("conflict", "replace").optArg("durability", "soft")));
        } catch (ReqlError refused) {
            // Not a dropped connection: Retry reconnects and repeats those, or gives up with a ToolException.
            return Errors.describe(refused);
        }
        return number(result.get("errors")) > 0 ? String.valueOf(result.get("first_error")) : null;
    }

    /** Deletes the rows with these keys, where present. */
    void delete(TableRef ref, List<Object> keys) {
        if (!keys.isEmpty()) {
            run("delete from " + ref, withHookOption(table(ref).getAll(r.args(new WireValue(keys))).delete()
                    .optArg("durability", "soft")));
        }
    }

    /** Makes the table's soft-durability writes durable ({@code table.sync()}). */
    void flush(TableRef ref) {
        run("sync of " + ref, table(ref).sync());
    }

    private Insert withHookOption(Insert write) {
        return hooks ? write.optArg("ignore_write_hook", true) : write;
    }

    private Delete withHookOption(Delete write) {
        return hooks ? write.optArg("ignore_write_hook", true) : write;
    }

    private Map<?, ?> run(String what, ReqlExpr query) {
        return Retry.run(what, this::reconnect, () -> (Map<?, ?>) query.run(conn).single());
    }

    private void reconnect() {
        conn.close(false); // dropped: no noreply_wait, which would fail
        conn = endpoint.connect();
    }

    private static Table table(TableRef ref) {
        return r.db(ref.db()).table(ref.table());
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }

    @Override
    public void close() {
        conn.close(false);
    }
}
