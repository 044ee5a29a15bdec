package io.reqldb.tools.live;

import static com.rethinkdb.RethinkDB.r;

import com.rethinkdb.gen.ast.SetWriteHook;
import com.rethinkdb.gen.ast.Table;
import com.rethinkdb.model.Arguments;
import com.rethinkdb.model.OptArgs;
import com.rethinkdb.net.Connection;
import io.reqldb.tools.conn.Endpoint;
import io.reqldb.tools.conn.WireValue;
import io.reqldb.tools.format.PyJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Checks that a server offers what the tools rely on (admin-tools.md §7.5), each with one small
 * query, on a scratch database. A ReqlDB still being built may answer the first query but lack
 * others; the live tests then skip with this list rather than fail for the server's reasons.
 * A real RethinkDB 2.4 passes every check.
 */
final class Readiness {
    private static final String DB = "reqldb_tools_readiness";
    /** The multi index {@code tags} and the write hook of the fixture, as RethinkDB 2.4.4 encoded them. */
    private static final String INDEX_BLOB = "JHJlcWxfaW5kZXhfZnVuY3Rpb24kCQcHBwAAAAAAAAHt/////////ykAAABbMzEsW1sxMCxbWzEs\r\n"
            + "LTE5LDBdXSwwXSxbMSwidGFncyIsMF1dLDBdAAAAAAABAA==";
    private static final String HOOK_BLOB = "JHJlcWxfd3JpdGVfaG9va19mdW5jdGlvbiQAAAAAAAADBQAAAAAAAAAGAAAAAAAAAAcAAAAAAAAA\r\n"
            + "ggAAAFs2NSxbWzE3LFtbMTAsW1sxLDcsMTNdXSwxMl0sWzEsbnVsbCwxNF1dLDExXSxbMTAsW1sx\r\n"
            + "LDcsMTZdXSwxNV0sWzM1LFtbMTAsW1sxLDcsMTldXSwxOF0sWzMseyJhdWRpdGVkIjpbMSx0cnVl\r\n"
            + "LDIxXX0sMjBdXSwxN11dLDEwXQAKAAAA";

    private Readiness() {}

    /** What the server lacks; empty when the tools can be tested against it. */
    static List<String> missing(Endpoint endpoint) {
        List<String> missing = new ArrayList<>();
        try (Connection conn = endpoint.connect()) {
            check(missing, "server_status version", () -> r.db("rethinkdb").table("server_status").bracket(0)
                    .bracket("process").bracket("version").run(conn).single());
            check(missing, "db_create/table_create", () -> {
                r.expr(List.of(DB)).setIntersection(r.dbList()).forEach(db -> r.dbDrop(db)).run(conn);
                r.dbCreate(DB).run(conn);
                return r.db(DB).tableCreate("t").run(conn).single();
            });
            Table table = r.db(DB).table("t");
            Map<String, Object> doc = pseudoTypes();
            check(missing, "insert of TIME, BINARY and GEOMETRY objects as the Python driver sends them", () -> {
                table.insert(new WireValue(List.of(doc))).run(conn);
                Object back = table.get(1).run(conn, new OptArgs().with("time_format", "raw").with("binary_format", "raw"))
                        .single();
                if (!PyJson.encode(back).equals(PyJson.encode(doc))) {
                    throw new IllegalStateException("read back " + PyJson.encode(back));
                }
                return back;
            });
            check(missing, "between(x, maxval, left_bound=open)", () -> table.between(0, r.maxval())
                    .optArg("left_bound", "open").count().run(conn).single());
            check(missing, "index_create from a RethinkDB $reql_index_function$ blob", () -> {
                table.indexCreate("tags", new WireValue(binary(INDEX_BLOB))).run(conn);
                return table.indexWait(r.args(List.of("tags"))).run(conn).single();
            });
            check(missing, "set_write_hook from a RethinkDB $reql_write_hook_function$ blob", () ->
                    new SetWriteHook(Arguments.make(table, new WireValue(binary(HOOK_BLOB)))).run(conn).single());
            check(missing, "db_drop", () -> r.dbDrop(DB).run(conn).single());
        } catch (RuntimeException e) {
            missing.add("connecting: " + e.getMessage());
        }
        return missing;
    }

    private static void check(List<String> missing, String what, Supplier<Object> query) {
        try {
            query.get();
        } catch (RuntimeException e) {
            missing.add(what + " (" + e.getMessage() + ")");
        }
    }

    private static Map<String, Object> binary(String data) {
        Map<String, Object> blob = new LinkedHashMap<>();
        blob.put("$reql_type$", "BINARY");
        blob.put("data", data);
        return blob;
    }

    private static Map<String, Object> pseudoTypes() {
        Map<String, Object> time = new LinkedHashMap<>();
        time.put("$reql_type$", "TIME");
        time.put("epoch_time", 1577862015.5);
        time.put("timezone", "+05:30");
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("$reql_type$", "GEOMETRY");
        point.put("coordinates", List.of(-180L, -90L));
        point.put("type", "Point");
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("b", binary("BKHnfRLLXPU/mOcbnxYMkQ=="));
        doc.put("g", point);
        doc.put("id", 1L);
        doc.put("t", time);
        return doc;
    }
}
