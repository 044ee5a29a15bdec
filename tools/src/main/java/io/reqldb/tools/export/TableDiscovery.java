package io.reqldb.tools.export;

import static com.rethinkdb.RethinkDB.r;

import com.rethinkdb.net.Connection;
import io.reqldb.tools.ToolException;
import io.reqldb.tools.conn.Rows;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Lists the user tables to export, with the official queries and messages. */
public final class TableDiscovery {
    private TableDiscovery() {}

    /** All user tables, or those the selectors name (each must exist). */
    public static List<TableRef> find(Connection conn, List<TableSelector> selectors) {
        List<TableRef> all = new ArrayList<>();
        for (Map<String, Object> row : Rows.of(r.db("rethinkdb").table("table_config").pluck(r.array("db", "name")), conn)) {
            all.add(new TableRef((String) row.get("db"), (String) row.get("name")));
        }
        if (selectors.isEmpty()) {
            return all;
        }
        @SuppressWarnings("unchecked")
        List<Object> dbs = (List<Object>) r.dbList().filter(row -> row.ne("rethinkdb")).run(conn).single();
        Set<TableRef> chosen = new LinkedHashSet<>();
        for (TableSelector selector : selectors) {
            if (!dbs.contains(selector.db())) {
                throw ToolException.failure("Error: Database '" + selector.db() + "' not found");
            }
            if (selector.table() != null && !all.contains(new TableRef(selector.db(), selector.table()))) {
                throw ToolException.failure("Error: Table not found: '" + selector.db() + "." + selector.table() + "'");
            }
            all.stream().filter(t -> selector.matches(t.db(), t.table())).forEach(chosen::add);
        }
        return new ArrayList<>(chosen);
    }
}
