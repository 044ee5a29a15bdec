package io.reqldb.tools.conn;

import com.rethinkdb.ast.ReqlAst;
import com.rethinkdb.net.Connection;
import com.rethinkdb.net.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a small query result as a list of rows, whether the server answers with a stream
 * (RethinkDB does for system tables) or with one array (a server is free to).
 */
public final class Rows {
    private Rows() {}

    /** All rows, as objects. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> of(ReqlAst query, Connection conn) {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Result<Object> result = query.run(conn)) {
            for (Object item : result) {
                if (item instanceof List<?> list) {
                    list.forEach(row -> rows.add((Map<String, Object>) row));
                } else {
                    rows.add((Map<String, Object>) item);
                }
            }
        }
        return rows;
    }
}
