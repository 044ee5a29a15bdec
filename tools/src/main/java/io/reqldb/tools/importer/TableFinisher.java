package io.reqldb.tools.importer;

import static com.rethinkdb.RethinkDB.r;

import com.rethinkdb.gen.ast.SetWriteHook;
import com.rethinkdb.gen.ast.Table;
import com.rethinkdb.model.Arguments;
import com.rethinkdb.net.Connection;
import io.reqldb.tools.conn.WireValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * After a table's rows are in: re-creates its secondary indexes from the {@code .info} blobs and
 * installs its write hook, with the official queries. Indexes of the same name are dropped first
 * "on the assumption they are wrong"; the blob already carries multi and geo, so no optargs.
 */
public final class TableFinisher {
    private TableFinisher() {}

    /** Indexes (unless disabled), then the write hook. */
    public static void finish(Connection conn, PlannedTable plan, boolean indexes) {
        if (plan.info() == null) {
            return;
        }
        Table table = r.db(plan.db()).table(plan.table());
        if (indexes && !plan.info().indexes().isEmpty()) {
            createIndexes(conn, table, plan.info().indexes());
        }
        Map<String, Object> hook = plan.info().writeHook();
        if (hook != null) {
            table.getWriteHook().run(conn);
            new SetWriteHook(Arguments.make(table, null)).run(conn);
            new SetWriteHook(Arguments.make(table, new WireValue(hook.get("function")))).run(conn);
        }
    }

    private static void createIndexes(Connection conn, Table table, List<Map<String, Object>> indexes) {
        @SuppressWarnings("unchecked")
        List<Object> existing = (List<Object>) table.indexList().run(conn).single();
        List<Object> names = new ArrayList<>();
        for (Map<String, Object> index : indexes) {
            Object name = index.get("index");
            if (existing.contains(name)) {
                table.indexDrop(name).run(conn);
            }
            table.indexCreate(name, new WireValue(index.get("function"))).run(conn);
            names.add(name);
        }
        table.indexWait(r.args(names)).run(conn);
    }
}
