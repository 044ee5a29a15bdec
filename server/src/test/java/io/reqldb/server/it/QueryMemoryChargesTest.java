package io.reqldb.server.it;

import static com.rethinkdb.RethinkDB.r;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rethinkdb.gen.ast.ReqlExpr;
import com.rethinkdb.gen.exc.ReqlResourceLimitError;
import com.rethinkdb.net.Connection;
import io.reqldb.server.ServerConfig;
import java.nio.file.Path;
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
 * Issue #10: every way a query builds a big value is charged to its memory budget (here 16 MB,
 * {@code serve --query-memory 16}), so each of these fails with {@code ReqlResourceLimitError}
 * before it can fill the test JVM's 512 MB heap, and the server answers the next query. The
 * buffering terms (group, order_by, distinct, coerce_to) are in {@link QueryMemoryLimitTest}.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryMemoryChargesTest {
    private static final long BUDGET = 16L << 20;
    /** 100,000 characters: 400 distinct copies hold 40 MB. */
    private static final String FILLER = "y".repeat(100_000);

    @TempDir
    static Path dataDir;
    private LiveServer server;
    private Connection conn;

    @BeforeAll
    void start() throws Exception {
        server = new LiveServer(dataDir, ServerConfig.builder().queryMemoryBytes(BUDGET));
        conn = server.connect();
        r.tableCreate("t").run(conn);
        r.table("t").insert(r.range(400).map(i -> r.hashMap("id", i).with("s", i.coerceTo("string").add(FILLER))))
                .run(conn);
    }

    @AfterAll
    void stop() {
        conn.close();
        server.close();
    }

    /** A distinct 100 KB string per row: sharing one string would hold nothing. */
    private static ReqlExpr big(ReqlExpr i) {
        return i.coerceTo("string").add(FILLER);
    }

    private void assertOverBudget(String what, Supplier<ReqlExpr> query) {
        assertThatThrownBy(() -> query.get().run(conn)).as(what)
                .isInstanceOf(ReqlResourceLimitError.class)
                .hasMessageContaining("over memory limit `" + BUDGET + "` bytes");
        assertThat(r.expr(1).add(1).run(conn).single()).as(what + ": the server answers on").isEqualTo(2L);
        assertThat(server.reservedOnceAnswersWritten()).as(what + ": memory given back").isZero();
    }

    @Test
    void arraysGrownInALoop() {
        Map<String, Supplier<ReqlExpr>> queries = Map.of(
                "add", () -> r.range(400).fold(r.array(), (acc, i) -> acc.add(r.array(big(i)))),
                "append", () -> r.range(400).fold(r.array(), (acc, i) -> acc.append(big(i))),
                "prepend", () -> r.range(400).fold(r.array(), (acc, i) -> acc.prepend(big(i))),
                "insert_at", () -> r.range(400).fold(r.array(), (acc, i) -> acc.insertAt(0, big(i))),
                "splice_at", () -> r.range(400).fold(r.array(), (acc, i) -> acc.spliceAt(0, r.array(big(i)))),
                "set_insert", () -> r.range(400).fold(r.array(), (acc, i) -> acc.setInsert(big(i))),
                "set_union", () -> r.range(400).fold(r.array(), (acc, i) -> acc.setUnion(r.array(big(i)))),
                "nested literal arrays", () -> r.range(400).fold(r.array(), (acc, i) -> r.array(acc, big(i))),
                "stored rows gathered", () -> r.table("t").fold(r.array(), (acc, row) -> acc.append(row)));
        queries.forEach(this::assertOverBudget);
    }

    @Test
    void objectsGrownInAnAccumulator() {
        assertOverBudget("fold merging objects", () -> r.range(400).fold(r.hashMap(),
                (acc, i) -> acc.merge(r.object(i.coerceTo("string"), big(i)))));
        assertOverBudget("reduce merging objects", () -> r.range(400)
                .map(i -> r.object(i.coerceTo("string"), big(i))).reduce((a, b) -> a.merge(b)));
    }

    @Test
    void distinctValuesOfAMultiIndex() {
        // Each row gives its 100 KB string to the index: 400 distinct values, 40 MB to collect.
        r.table("t").indexCreate("m", row -> r.array(row.g("s"))).optArg("multi", true).run(conn);
        r.table("t").indexWait("m").run(conn);
        try {
            assertOverBudget("distinct on a multi index", () -> r.table("t").distinct().optArg("index", "m"));
        } finally {
            r.table("t").indexDrop("m").run(conn);
        }
    }

    @Test
    void partsHeldManyTimesCountOnce() {
        // One 100 KB string a thousand times, and a value of 2^40 leaves, hold little memory:
        // they are built (as in RethinkDB), and only writing them out in full would be refused.
        assertThat(r.range(1000).fold(r.array(), (acc, i) -> acc.append(FILLER)).count().run(conn).single())
                .isEqualTo(1000L);
        assertThat(r.expr(r.array(FILLER)).mul(1000).count().run(conn).single()).isEqualTo(1000L);
        assertThat(r.range(40).fold(r.array(1), (acc, i) -> r.array(acc, acc)).count().run(conn).single())
                .isEqualTo(2L);
    }

    @Test
    void valuesWrittenOutOrReadIn() {
        // 2^40 leaves in a few kilobytes of shared arrays, written out as text.
        assertOverBudget("to_json_string", () -> r.range(40).fold(r.array(1), (acc, i) -> r.array(acc, acc)).toJson());
        assertOverBudget("coerce_to string", () -> r.range(40).fold(r.array(1), (acc, i) -> r.array(acc, acc))
                .coerceTo("string"));
        String text = "\"" + "z".repeat(20_000_000) + "\"";
        assertOverBudget("r.json", () -> r.json(text));
        assertOverBudget("r.js result", () -> r.js("'y'.repeat(20000000)"));
    }
}
