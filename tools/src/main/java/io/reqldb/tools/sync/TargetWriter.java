package io.reqldb.tools.sync;

import static com.rethinkdb.RethinkDB.r;

import com.rethinkdb.gen.ast.Delete;
import com.rethinkdb.gen.ast.Insert;
import com.rethinkdb.gen.ast.ReqlExpr;
import com.rethinkdb.gen.ast.Table;
import com.rethinkdb.net.Connection;
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
 * target refuses is reported with its key, never skipped silently.
 */
final class TargetWriter implements AutoCloseable {
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

    /** Inserts or replaces {@code rows} (raw-format documents, as the source gave them). */
    void upsert(TableRef ref, String pk, List<?> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Map<?, ?> result = run("insert into " + ref, withHookOption(table(ref).insert(new WireValue(rows))
                .optArg("conflict", "replace").optArg("durability", "soft")));
        if (number(result.get("errors")) > 0) {
            // The answer names only the first error: find every refused row, one at a time.
            for (Object row : rows) {
                Map<?, ?> one = run("insert into " + ref, withHookOption(table(ref).insert(new WireValue(row))
                        .optArg("conflict", "replace").optArg("durability", "soft")));
                if (number(one.get("errors")) > 0) {
                    rejected++;
                    report.accept(ref + ": the target refused the row with key " + PyJson.encode(((Map<?, ?>) row).get(pk))
                            + ": " + one.get("first_error"));
                }
            }
        }
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
