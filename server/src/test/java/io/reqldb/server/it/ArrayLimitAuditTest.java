package io.reqldb.server.it;

import static com.rethinkdb.RethinkDB.r;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rethinkdb.gen.ast.ReqlExpr;
import com.rethinkdb.gen.exc.ReqlQueryLogicError;
import com.rethinkdb.gen.exc.ReqlResourceLimitError;
import com.rethinkdb.model.OptArgs;
import com.rethinkdb.net.Connection;
import com.rethinkdb.net.Result;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #10: {@code array_limit} term by term, as audited against RethinkDB 2.4.4's checks (the
 * table is in {@code io.reqldb.query.limits}' package documentation). Every query runs with
 * {@code array_limit: 10}, so the arrays stay small; the stored document holds arrays of 20,
 * written with the default limit, which RethinkDB reads back unchecked but checks again when a
 * term copies them into a new array.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArrayLimitAuditTest {
    private static final int LIMIT = 10;
    private static final String OVER = "Array over size limit `10`.  To raise the number of allowed elements, "
            + "modify the `array_limit` option to `.run` (not available in the Data Explorer), or use an index.";

    @TempDir
    static Path dataDir;
    private LiveServer server;
    private Connection conn;
    private final ReqlExpr ten = r.range(LIMIT).coerceTo("array");
    private final ReqlExpr stored = r.table("t").get(1).g("arr");
    private final ReqlExpr storedPairs = r.table("t").get(1).g("pairs");

    @BeforeAll
    void start() throws Exception {
        server = new LiveServer(dataDir);
        conn = server.connect();
        r.tableCreate("t").run(conn);
        r.tableCreate("u").run(conn);
        r.table("u").insert(r.range(20).map(i -> r.hashMap("id", i))).run(conn);
        r.table("t").insert(r.hashMap("id", 1).with("arr", r.range(20).coerceTo("array"))
                .with("pairs", r.range(20).map(i -> r.hashMap("left", r.hashMap("a", i))
                        .with("right", r.hashMap("b", i))).coerceTo("array"))
                .with("obj", r.range(20).map(i -> r.array(i.coerceTo("string"), i)).coerceTo("object"))).run(conn);
        r.table("u").indexCreate("loc", x -> r.point(x.g("id"), 0)).optArg("geo", true).run(conn);
        r.table("u").indexWait().run(conn);
    }

    @AfterAll
    void stop() {
        conn.close();
        server.close();
    }

    private List<?> rows(ReqlExpr query) {
        return (List<?>) run(query);
    }

    private Object run(ReqlExpr query) {
        Object v = query.run(conn, OptArgs.of("array_limit", LIMIT));
        return v instanceof Result<?> res ? res.toList() : v;
    }

    private void assertOver(String what, Supplier<ReqlExpr> query) {
        assertThatThrownBy(() -> run(query.get())).as(what)
                .isInstanceOf(ReqlResourceLimitError.class).hasMessageStartingWith(OVER);
    }

    @Test
    void termsThatBuildAnArrayOverTheLimit() {
        Map<String, Supplier<ReqlExpr>> queries = Map.ofEntries(
                Map.entry("append", () -> ten.append(1)),
                Map.entry("prepend", () -> ten.prepend(1)),
                Map.entry("insert_at", () -> ten.insertAt(0, 1)),
                Map.entry("splice_at", () -> ten.spliceAt(0, r.array(1))),
                Map.entry("set_insert", () -> ten.setInsert(99)),
                Map.entry("set_union", () -> ten.setUnion(r.array(99))),
                Map.entry("add", () -> ten.add(r.array(1))),
                Map.entry("mul", () -> ten.mul(2)),
                Map.entry("make_array", () -> r.expr(r.array(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11))),
                Map.entry("args", () -> r.expr(r.array(r.args(stored)))),
                Map.entry("union of arrays", () -> ten.union(r.array(1))),
                Map.entry("union coerced", () -> r.range(LIMIT).union(r.range(1)).coerceTo("array")),
                Map.entry("concat_map", () -> ten.concatMap(x -> r.array(x, x))),
                Map.entry("inner_join", () -> ten.innerJoin(ten, (x, y) -> true)),
                Map.entry("outer_join", () -> ten.outerJoin(ten, (x, y) -> true)),
                Map.entry("coerce_to array", () -> r.range(20).coerceTo("array")),
                Map.entry("table coerced", () -> r.table("u").coerceTo("array")),
                Map.entry("between coerced", () -> r.table("u").between(0, 15).coerceTo("array")),
                Map.entry("order_by", () -> r.range(20).orderBy(r.desc(x -> x)).limit(2)),
                Map.entry("order_by table", () -> r.table("u").orderBy("id").limit(2)),
                Map.entry("distinct", () -> r.range(20).distinct()),
                Map.entry("fold", () -> r.range(20).fold(r.array(), (acc, x) -> acc.append(x))),
                Map.entry("reduce", () -> r.range(20).map(x -> r.array(x)).reduce((a, b) -> a.add(b))),
                Map.entry("sample", () -> ten.sample(11)),
                Map.entry("split", () -> r.expr("a b c d e f g h i j k").split()),
                Map.entry("keys", () -> r.table("t").get(1).g("obj").keys()),
                Map.entry("values", () -> r.table("t").get(1).g("obj").values()),
                Map.entry("coerce object to array", () -> r.table("t").get(1).g("obj").coerceTo("array")),
                Map.entry("match groups", () -> r.expr("abcdefghijk").match("(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)")),
                Map.entry("pluck paths", () -> r.expr(r.hashMap("a", 1)).pluck("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k")),
                Map.entry("without paths", () -> r.expr(r.hashMap("a", 1)).without("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k")),
                Map.entry("has_fields paths", () -> r.expr(r.hashMap("a", 1)).hasFields("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k")),
                Map.entry("r.json", () -> r.json("{\"a\":[1,2,3,4,5,6,7,8,9,10,11]}")),
                Map.entry("circle of 32 vertices", () -> r.circle(r.array(0, 0), 1)),
                Map.entry("line", () -> r.line(r.array(0, 0), r.array(0, 1), r.array(0, 2), r.array(0, 3), r.array(0, 4),
                        r.array(0, 5), r.array(0, 6), r.array(0, 7), r.array(0, 8), r.array(0, 9), r.array(0, 10))),
                Map.entry("get_nearest", () -> r.table("u").getNearest(r.point(0, 0)).optArg("index", "loc")
                        .optArg("max_dist", 5_000_000).optArg("max_results", 20)));
        queries.forEach(this::assertOver);
    }

    @Test
    void termsThatCopyAStoredArrayOverTheLimit() {
        Map<String, Supplier<ReqlExpr>> queries = Map.ofEntries(
                Map.entry("change_at", () -> stored.changeAt(0, 1)),
                Map.entry("delete_at", () -> stored.deleteAt(0)),
                Map.entry("slice", () -> stored.slice(0, 15)),
                Map.entry("skip", () -> stored.skip(1)),
                Map.entry("limit", () -> stored.limit(15)),
                Map.entry("set_intersection", () -> stored.setIntersection(stored)),
                Map.entry("set_difference", () -> stored.setDifference(r.array())),
                Map.entry("distinct", () -> stored.distinct()),
                Map.entry("order_by", () -> stored.orderBy(r.desc(x -> x))),
                Map.entry("map", () -> stored.map(x -> x)),
                Map.entry("filter", () -> stored.filter(x -> true)),
                Map.entry("offsets_of", () -> stored.offsetsOf(x -> true)),
                Map.entry("difference", () -> stored.difference(r.array(1))),
                Map.entry("zip", () -> storedPairs.zip()),
                Map.entry("get_field", () -> storedPairs.g("left")),
                Map.entry("with_fields", () -> storedPairs.withFields("left")),
                Map.entry("merge", () -> storedPairs.merge(r.hashMap("c", 1))),
                Map.entry("eq_join", () -> stored.eqJoin(x -> x, r.table("u"))));
        queries.forEach(this::assertOver);
    }

    @Test
    void sequencesAFunctionReturnsAreReadWithinTheLimit() {
        // RethinkDB reads a stream a function returns through as_array with the query's limits.
        assertOver("map returning a mapped stored array", () -> r.expr(r.array(1, 2)).map(x -> stored.map(y -> y)));
        // A lazy stream (a table's) is not an array in disguise: map refuses it, as RethinkDB's as_datum does.
        assertThatThrownBy(() -> run(r.expr(r.array(1, 2)).map(x -> r.table("u").map(y -> y))))
                .isInstanceOf(ReqlQueryLogicError.class).hasMessageStartingWith("Expected type DATUM but found SEQUENCE");
        // Neither is a table, nor a table's stream, where a function must give a datum (merge,
        // update, a predicate): RethinkDB's as_datum refuses them, rather than reading them.
        assertThatThrownBy(() -> run(r.expr(r.hashMap("a", 1)).merge(o -> r.table("u"))))
                .isInstanceOf(ReqlQueryLogicError.class).hasMessage("Expected type DATUM but found TABLE:\ntable(\"u\")");
        assertThatThrownBy(() -> run(r.expr(r.hashMap("a", 1)).merge(o -> r.table("u").filter(u -> true))))
                .isInstanceOf(ReqlQueryLogicError.class)
                .hasMessage("Expected type DATUM but found SELECTION:\nSELECTION ON table(u)");
        assertThatThrownBy(() -> run(r.expr(r.array(1)).filter(x -> r.table("u").map(y -> y))))
                .isInstanceOf(ReqlQueryLogicError.class).hasMessageStartingWith("Expected type DATUM but found SEQUENCE");
        Map<?, ?> updated = (Map<?, ?>) r.table("t").get(1).update(o -> r.table("u"))
                .optArg("non_atomic", true).run(conn).single();
        assertThat(updated.get("errors")).isEqualTo(1L);
        assertThat(updated.get("first_error")).isEqualTo("Expected type DATUM but found TABLE:\ntable(\"u\")");
        // Under the limit the same functions still work.
        assertThat(run(r.expr(r.array(1, 2)).map(x -> r.expr(r.array(1, 2, 3)).map(y -> y))))
                .isEqualTo(List.of(List.of(List.of(1L, 2L, 3L), List.of(1L, 2L, 3L))));
    }

    @Test
    void storedArraysPassedThroughAreNotChecked() {
        // RethinkDB hands out a stored value, or an element of it, without copying it.
        assertThat(run(stored)).isEqualTo(List.of(r.range(20).coerceTo("array").run(conn).single()));
        assertThat(run(stored.nth(15))).isEqualTo(List.of(15L));
        assertThat(run(stored.count())).isEqualTo(List.of(20L));
        assertThat(run(stored.contains(3))).isEqualTo(List.of(true));
        assertThat(run(r.do_(stored, x -> x).count())).isEqualTo(List.of(20L));
        assertThat(run(stored.toJson())).isEqualTo(List.of("[0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19]"));
    }

    @Test
    void streamsAreNotArrays() {
        assertThat(rows(r.range(20))).hasSize(20);
        assertThat(rows(r.range(LIMIT).union(r.range(5)))).hasSize(15);
        assertThat(rows(r.table("u"))).hasSize(20);
        // An unindexed distinct on a table walks it in key order, as a stream.
        assertThat(rows(r.table("u").distinct())).hasSize(20);
    }

    @Test
    void groupedData() {
        assertThatThrownBy(() -> run(r.range(20).group(x -> x.mod(2))))
                .isInstanceOf(ReqlResourceLimitError.class)
                .hasMessage("Grouped data over size limit `10`.  Try putting a reduction (like `.reduce` or `.count`) "
                        + "on the end.");
        // The number of groups is limited even with a reduction (shards.cc).
        assertThatThrownBy(() -> run(r.range(20).group(x -> x).count()))
                .isInstanceOf(ReqlResourceLimitError.class).hasMessage("Too many groups (> 10).");
        assertThat(run(r.range(20).group(x -> x.mod(2)).count().ungroup()))
                .isEqualTo(List.of(List.of(Map.of("group", 0L, "reduction", 10L), Map.of("group", 1L, "reduction", 10L))));
    }

    @Test
    void anIndexedSortBuffersRowsWithTheSameIndexValueWithinTheLimit() {
        r.tableCreate("same").run(conn);
        r.table("same").insert(r.range(20).map(i -> r.hashMap("id", i).with("k", r.branch(i.lt(5), "few", "many"))))
                .run(conn);
        r.table("same").indexCreate("k").run(conn);
        r.table("same").indexWait().run(conn);
        assertThatThrownBy(() -> rows(r.table("same").orderBy(r.desc("id")).optArg("index", r.desc("k"))))
                .isInstanceOf(ReqlResourceLimitError.class)
                .hasMessage("Too many rows (> 10) with the same value for index `k`:\n\"many\"");
    }

    @Test
    void checksWithTheirOwnMessages() {
        // r.js: the worker's conversion fails and the script's error is a logic error with that text.
        assertThatThrownBy(() -> run(r.js("[1,2,3,4,5,6,7,8,9,10,11]")))
                .isInstanceOf(ReqlQueryLogicError.class).hasMessageStartingWith(OVER);
        assertThatThrownBy(() -> run(r.expr("a b").split(" ", 10)))
                .isInstanceOf(ReqlQueryLogicError.class)
                .hasMessageStartingWith("Error: `split` size argument must be in range [-1, 9].");
        assertThatThrownBy(() -> run(r.table("u").getIntersecting(r.circle(r.array(10, 0), 2_000_000)
                .optArg("num_vertices", 8)).optArg("index", "loc")))
                .isInstanceOf(ReqlResourceLimitError.class)
                .hasMessageStartingWith("Array size limit exceeded during geospatial index traversal.");
        // A write's changes are truncated, with a warning, rather than refused (datum.cc).
        Map<?, ?> written = (Map<?, ?>) ((List<?>) run(r.table("u").update(r.hashMap("z", 1))
                .optArg("return_changes", true))).get(0);
        assertThat((List<?>) written.get("changes")).hasSize(LIMIT);
        assertThat(written.get("warnings")).isEqualTo(List.of("Too many changes, array truncated to 10."));
        // The warnings themselves are an array within the limit: with array_limit 1, changes and
        // generated keys both truncated are two warnings, refused (datum.cc add_warning); the
        // rows are written all the same.
        r.tableCreate("scratch").run(conn);
        assertThatThrownBy(() -> r.table("scratch").insert(r.range(2).map(i -> r.hashMap("a", i)))
                .optArg("return_changes", true).run(conn, OptArgs.of("array_limit", 1)))
                .isInstanceOf(ReqlResourceLimitError.class)
                .hasMessage("Warnings would exceed array size limit 1; increase it to see warnings");
        assertThat(r.table("scratch").count().run(conn).single()).isEqualTo(2L);
    }
}
