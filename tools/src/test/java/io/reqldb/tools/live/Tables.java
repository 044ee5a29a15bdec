package io.reqldb.tools.live;

import static com.rethinkdb.RethinkDB.r;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rethinkdb.model.OptArgs;
import com.rethinkdb.net.Connection;
import io.reqldb.tools.Fixtures;
import io.reqldb.tools.format.PyJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Reads tables back and compares them with the fixture's {@code expected.json}. */
final class Tables {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

    private Tables() {}

    static JsonNode expected() throws IOException {
        return MAPPER.readTree(Fixtures.rethinkdb244().resolve("expected.json").toFile());
    }

    /** Drops the databases if they exist, so each test starts clean. */
    static void drop(Connection conn, String... dbs) {
        r.expr(java.util.Arrays.asList(dbs)).setIntersection(r.dbList()).forEach(db -> r.dbDrop(db)).run(conn);
    }

    /** Rows in primary-key order, each as Python-style JSON text. */
    static List<String> rows(Connection conn, String db, String table, String pk) {
        List<String> rows = new ArrayList<>();
        OptArgs raw = new OptArgs().with("time_format", "raw").with("binary_format", "raw")
                .with("array_limit", Integer.MAX_VALUE); // tables of more than 100,000 rows
        // One atom rather than a cursor: driver 2.4.4's cursor iteration can race with its own
        // CONTINUE handling and end early ("No more elements"), which is not what is tested here.
        List<?> all = (List<?>) r.db(db).table(table).orderBy().optArg("index", pk).coerceTo("array")
                .run(conn, raw).single();
        for (Object row : all) {
            rows.add(PyJson.encode(row));
        }
        return rows;
    }

    /** Asserts that every table of {@code expected.json} reads back the same; hooks optional. */
    static void assertMatchesExpected(Connection conn, boolean withWriteHook) throws IOException {
        assertMatches(conn, expected(), withWriteHook);
    }

    /** Asserts that every table of {@code expected} ({@code db.table} to its rows, indexes...) reads back the same. */
    static void assertMatches(Connection conn, JsonNode expected, boolean withWriteHook) {
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String[] name = entry.getKey().split("\\.");
            JsonNode table = entry.getValue();
            String pk = table.get("primary_key").asText();
            List<String> want = new ArrayList<>();
            for (JsonNode row : table.get("rows")) {
                want.add(PyJson.encode(MAPPER.convertValue(row, Object.class)));
            }
            assertThat(rows(conn, name[0], name[1], pk)).as(entry.getKey() + " rows").containsExactlyElementsOf(want);
            assertIndexes(conn, name[0], name[1], table);
            Object hook = r.db(name[0]).table(name[1]).getWriteHook()
                    .run(conn, new OptArgs().with("binary_format", "raw")).single();
            if (withWriteHook) {
                // RethinkDB's own blob, backtrace ids included, and its query text.
                JsonNode actual = hook == null ? NullNode.getInstance() : MAPPER.valueToTree(hook);
                assertThat(actual).as(entry.getKey() + " write hook").isEqualTo(table.get("write_hook"));
            } else {
                assertThat(hook).as(entry.getKey() + " write hook").isNull();
            }
        }
    }

    private static void assertIndexes(Connection conn, String db, String name, JsonNode table) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> status = (List<Map<String, Object>>) r.db(db).table(name).indexStatus()
                .run(conn, new OptArgs().with("binary_format", "raw")).single();
        for (JsonNode index : table.get("indexes")) {
            String indexName = index.get("index").asText();
            Map<String, Object> actual = status.stream().filter(s -> indexName.equals(s.get("index"))).findFirst()
                    .orElseThrow(() -> new AssertionError(db + "." + name + " lacks index " + indexName));
            assertThat(actual.get("multi")).isEqualTo(index.get("multi").asBoolean());
            assertThat(actual.get("geo")).isEqualTo(index.get("geo").asBoolean());
        }
        assertThat(status).as(db + "." + name + " indexes").hasSize(table.get("indexes").size());
        JsonNode order = table.get("index_order");
        for (Iterator<String> it = order == null ? java.util.Collections.emptyIterator() : order.fieldNames();
                it.hasNext(); ) {
            String key = it.next();
            if (key.endsWith(":count")) {
                String index = key.substring(0, key.length() - ":count".length());
                Object count = r.db(db).table(name).between(r.minval(), r.maxval()).optArg("index", index).count().run(conn).single();
                assertThat(((Number) count).longValue()).as(key).isEqualTo(order.get(key).asLong());
            } else {
                List<Object> pks = new ArrayList<>();
                String pk = table.get("primary_key").asText();
                for (Object row : r.db(db).table(name).orderBy().optArg("index", key).g(pk).run(conn)) {
                    pks.add(row);
                }
                List<Object> want = new ArrayList<>();
                order.get(key).forEach(n -> want.add(MAPPER.convertValue(n, Object.class)));
                assertThat(pks).as(db + "." + name + " order by " + key).isEqualTo(want);
            }
        }
    }
}
