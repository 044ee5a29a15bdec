package io.reqldb.tools.sync;

import static com.rethinkdb.RethinkDB.r;

import com.rethinkdb.gen.ast.Table;
import com.rethinkdb.net.Connection;
import io.reqldb.tools.export.TableRef;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code compare} checks of a table besides its rows: the primary key, each secondary
 * index's definition (its function as the server encodes it, multi, geo) and the write hook's
 * function, all read with the binary format raw so the function blobs compare byte for byte.
 */
record TableDefinition(String primaryKey, Map<String, List<Object>> indexes, Object writeHook) {
    static TableDefinition read(Connection conn, TableRef ref, boolean hooks) {
        Table table = r.db(ref.db()).table(ref.table());
        String pk = String.valueOf(table.info().bracket("primary_key").run(conn).single());
        Map<String, List<Object>> indexes = new TreeMap<>();
        for (Object status : (List<?>) table.indexStatus().run(conn, KeyDiff.raw()).single()) {
            Map<?, ?> index = (Map<?, ?>) status;
            indexes.put(String.valueOf(index.get("index")),
                    List.of(String.valueOf(index.get("function")), index.get("multi"), index.get("geo")));
        }
        Object hook = null;
        if (hooks) {
            Object found = table.getWriteHook().run(conn, KeyDiff.raw()).single();
            hook = found instanceof Map<?, ?> m ? String.valueOf(m.get("function")) : null;
        }
        return new TableDefinition(pk, indexes, hook);
    }
}
