package io.reqldb.server.it;

import static com.rethinkdb.RethinkDB.r;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rethinkdb.gen.ast.Func;
import com.rethinkdb.gen.ast.InnerJoin;
import com.rethinkdb.gen.ast.ReqlFunction2;
import com.rethinkdb.gen.exc.ReqlError;
import com.rethinkdb.gen.exc.ReqlOpFailedError;
import com.rethinkdb.gen.exc.ReqlQueryLogicError;
import com.rethinkdb.model.Arguments;
import com.rethinkdb.model.Backtrace;
import com.rethinkdb.net.Connection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the test suites of real clients (rethinkdbdash, thinky, the official Java driver) rely on,
 * through the official Java driver: expected texts and frames are RethinkDB 2.4's, as those suites
 * record them (issue 17).
 */
class ClientCompatibilityTest {
    @TempDir
    static Path dir;
    static LiveServer server;
    static Connection conn;

    @BeforeAll
    static void start() throws Exception {
        server = new LiveServer(dir.resolve("data"));
        conn = server.connect();
        r.tableCreate("docs").run(conn);
        r.table("docs").insert(r.range(5).map(i -> r.hashMap("id", i).with("foo", i))).run(conn);
        r.table("docs").indexCreate("foo").run(conn);
        r.table("docs").indexWait().run(conn);
    }

    @AfterAll
    static void stop() {
        conn.close();
        server.close();
    }

    /** An app connected with db: 'app' can create that database at start-up (thinky does). */
    @Test
    void theDefaultDatabaseIsResolvedOnlyWhenAQueryUsesIt() {
        try (Connection appConn = r.connection().hostname("127.0.0.1").port(server.port()).db("app").connect()) {
            assertThat((Object) r.expr(1).run(appConn, Long.class).single()).isEqualTo(1L);
            assertThat(r.dbList().run(appConn, List.class).single()).doesNotContain("app");
            assertThatThrownBy(() -> r.table("users").count().run(appConn))
                    .isInstanceOf(ReqlOpFailedError.class)
                    .hasMessageStartingWith("Database `app` does not exist.");
            Map<?, ?> created = r.dbCreate("app").run(appConn, Map.class).single();
            assertThat(created.get("dbs_created")).isEqualTo(1L);
            r.tableCreate("users").run(appConn);
            r.table("users").insert(r.hashMap("id", 1)).run(appConn);
            assertThat((Object) r.table("users").count().run(appConn, Long.class).single()).isEqualTo(1L);
            assertThat((Object) r.db("app").table("users").count().run(conn, Long.class).single()).isEqualTo(1L);
        }
    }

    /** java.time values sent by the driver are stored as RethinkDB TIMEs and come back equal. */
    @Test
    void javaDatesRoundTripAsTimes() {
        OffsetDateTime when = OffsetDateTime.of(2024, 2, 29, 13, 45, 7, 123_000_000, ZoneOffset.ofHours(-7));
        r.table("docs").insert(r.hashMap("id", "dated").with("at", when)).run(conn);
        assertThat(r.table("docs").get("dated").g("at").typeOf().run(conn, String.class).single()).isEqualTo("PTYPE<TIME>");
        OffsetDateTime back = r.table("docs").get("dated").g("at").run(conn, OffsetDateTime.class).single();
        assertThat(back).isEqualTo(when);
        assertThat((Object) r.table("docs").get("dated").g("at").year().run(conn, Long.class).single()).isEqualTo(2024L);
        assertThat(r.expr(when).run(conn, OffsetDateTime.class).single()).isEqualTo(when);
    }

    /** The Java driver sends a Map as MAKE_OBJ: a TIME pseudo-type built that way is a time, usable as a key. */
    @Test
    void timePseudoTypesInObjectsAreTimesAndKeys() {
        r.tableCreate("times").run(conn);
        Map<Object, Object> t1 = time(1375445163.0872, "-07:00");
        Map<Object, Object> t2 = time(1375445163.08832, "-07:00");
        Map<?, ?> inserted = r.table("times").insert(r.array(r.hashMap("id", t1), r.hashMap("id", t2)))
                .run(conn, Map.class).single();
        assertThat(inserted.get("inserted")).isEqualTo(2L);
        assertThat(r.expr(t1).typeOf().run(conn, String.class).single()).isEqualTo("PTYPE<TIME>");
        assertThat((Object) r.table("times").between(time(1375445162.0872, "-07:00"), time(1375445164.0872, "-07:00"))
                .count().run(conn, Long.class).single()).isEqualTo(2L);
        OffsetDateTime key = r.table("times").get(t1).g("id").run(conn, OffsetDateTime.class).single();
        assertThat(key).isEqualTo(OffsetDateTime.of(2013, 8, 2, 5, 6, 3, 87_000_000, ZoneOffset.ofHours(-7)));
        Map<?, ?> duplicate = r.table("times").insert(r.hashMap("id", r.expr(t1).inTimezone("Z")))
                .run(conn, Map.class).single();
        assertThat((String) duplicate.get("first_error")).startsWith("Duplicate primary key `id`:");
        expectLogicError(() -> r.expr(r.hashMap("$reql_type$", "TIME").with("epoch_time", 1)).run(conn),
                "Invalid time object constructed (no field `timezone`):");
    }

    /**
     * A constant TIME map inside a stored index function (the driver's MAKE_OBJ optargs, which
     * look like a TIME themselves) stays a time when the function is stored and compiled again.
     */
    @Test
    void timePseudoTypesInStoredIndexFunctionsAreTimes() {
        r.tableCreate("stamps").run(conn);
        Map<Object, Object> cutoff = time(1375445163.09055, "-07:00");
        r.table("stamps").insert(r.array(
                r.hashMap("id", 1).with("at", time(1375445163.0872, "-07:00")),
                r.hashMap("id", 2).with("at", time(1375445163.08832, "-07:00")),
                r.hashMap("id", 3).with("at", time(1375445164.0872, "-07:00")))).run(conn);
        r.table("stamps").indexCreate("early", row -> r.branch(row.g("at").lt(cutoff), row.g("at"), null)).run(conn);
        r.table("stamps").indexCreate("bin", row -> r.branch(row.g("id").lt(3),
                r.hashMap("$reql_type$", "BINARY").with("data", "aGVsbG8="), null)).run(conn);
        r.table("stamps").indexWait().run(conn);
        assertThat((Object) r.table("stamps").between(time(1375445162.0872, "-07:00"), time(1375445165.0872, "-07:00"))
                .optArg("index", "early").count().run(conn, Long.class).single()).isEqualTo(2L);
        assertThat((Object) r.table("stamps").getAll(r.binary("hello".getBytes(StandardCharsets.UTF_8)))
                .optArg("index", "bin").count().run(conn, Long.class).single()).isEqualTo(2L);
    }

    @Test
    void binaryPseudoTypesInObjectsAreBinariesAndInvalidOnesAreRefused() {
        byte[] bytes = r.expr(r.hashMap("$reql_type$", "BINARY").with("data", "aGVsbG8="))
                .run(conn, byte[].class).single();
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(r.expr(r.hashMap("$reql_type$", "BINARY").with("data", "aGVsbG8=")).typeOf()
                .run(conn, String.class).single()).isEqualTo("PTYPE<BINARY>");
        expectLogicError(() -> r.expr(r.hashMap("$reql_type$", "BINARY")).run(conn),
                "Invalid binary pseudotype: lacking `data` key.");
        expectLogicError(() -> r.expr(r.hashMap("$reql_type$", "BINARY").with("data", "a!==")).run(conn),
                "Invalid base64 character found: '!'.");
        expectLogicError(() -> r.expr(r.hashMap("$reql_type$", "FOO")).run(conn),
                "Unknown $reql_type$ `PTYPE<FOO>`.");
    }

    /** An error inside a function body carries the step into the body, blaming the arithmetic term. */
    @Test
    void errorsInFunctionBodiesHaveRethinkDbsFrames() {
        assertFrames(() -> r.expr(2).do_(x -> x.add("a")).run(conn),
                "Expected type NUMBER but found STRING.", 0L, 1L);
        assertFrames(() -> r.expr(r.array(1, 2)).map(x -> x.add("eh")).run(conn),
                "Expected type NUMBER but found STRING.", 1L, 1L);
    }

    /**
     * Whose error it is, as RethinkDB decides it: a value checked as a datum by the term (array
     * edits, set operations, difference, forEach) is the term's error; a value the term rejects
     * itself (bracket on a number, keys of an array, an impossible coercion) is the argument's.
     */
    @Test
    void typeErrorsBlameTheTermOrTheValueAsRethinkDbDoes() {
        List<Integer> nums = List.of(1, 2, 3);
        assertFrames(() -> r.expr(nums).insertAt("foo", 2).run(conn), "Expected type NUMBER but found STRING.");
        assertFrames(() -> r.expr(nums).deleteAt("foo").run(conn), "Expected type NUMBER but found STRING.");
        assertFrames(() -> r.expr(nums).setUnion("foo").run(conn), "Expected type ARRAY but found STRING.");
        assertFrames(() -> r.expr(nums).difference("foo").run(conn), "Cannot convert STRING to SEQUENCE");
        assertFrames(() -> r.expr(1).forEach(x -> r.table("docs").get(x).delete()).run(conn),
                "Cannot convert NUMBER to SEQUENCE");
        assertFrames(() -> r.expr(nums).keys().run(conn), "Cannot call `keys` on objects of type `ARRAY`.", 0L);
        assertFrames(() -> r.expr(2).coerceTo("ARRAY").run(conn), "Cannot coerce NUMBER to ARRAY.", 0L);
        assertFrames(() -> r.expr(1).do_(x -> x.bracket("bah").add(3)).run(conn),
                "Cannot perform bracket on a non-object non-sequence `1`.", 0L, 1L, 0L, 0L);
    }

    /** Join arguments in the wrong order: the right side is checked as a sequence first. */
    @Test
    void swappedJoinArgumentsReportTheSequenceFirst() {
        Func predicate = Func.fromLambda((ReqlFunction2) (left, right) -> left.eq(right));
        assertFrames(() -> new InnerJoin(new Arguments(List.of(r.expr(List.of(1, 2, 3)), predicate, r.table("docs"))))
                .run(conn), "Expected type SEQUENCE but found FUNCTION:\nVALUE FUNCTION", 1L);
    }

    /** do() takes values only: a selection or table slice is refused with its description. */
    @Test
    void doRefusesSelectionsWithRethinkDbsTexts() {
        assertFrames(() -> r.table("docs").getAll(1, 2, 3).do_(x -> x.add(3)).run(conn),
                "Expected type DATUM but found SELECTION:\nSELECTION ON table(docs)", 1L);
        assertFrames(() -> r.table("docs").between(2, 3).optArg("index", "foo").do_(x -> x.add(3)).run(conn),
                "Expected type DATUM but found TABLE_SLICE:\nSELECTION ON table(docs)", 1L);
    }

    /** Field-name shortcuts on non-objects fail as get_field does. */
    @Test
    void fieldShortcutsOnNonObjectsSayGetField() {
        assertFrames(() -> r.expr(r.array(1, 2, 3)).eqJoin("id", r.table("docs")).run(conn),
                "Cannot perform get_field on a non-object non-sequence `1`.", 1L);
        expectLogicError(() -> r.expr(r.array(1, 2, 3)).group("id").run(conn),
                "Cannot perform get_field on a non-object non-sequence `1`.");
    }

    /**
     * An in-memory order_by computes keys inside its comparisons, in the sequence of RethinkDB's
     * std::stable_sort (which first compares the second row with the first): the first failing
     * row it reaches is blamed, and a field name's failure is the field argument's.
     */
    @Test
    void orderByBlamesTheRowRethinkDbsSortReachesFirst() {
        assertFrames(() -> r.expr(r.array(1, 2, 3)).orderBy("id").add(1).run(conn),
                "Cannot perform get_field on a non-object non-sequence `2`.", 0L, 1L);
        List<Object> mixed = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            mixed.add(i == 7 || i == 8 || i == 30 ? (Object) i : r.hashMap("id", i));
        }
        assertFrames(() -> r.expr(mixed).orderBy("id").run(conn),
                "Cannot perform get_field on a non-object non-sequence `8`.", 1L);
        assertFrames(() -> r.expr(r.array(r.hashMap("id", 1), 2, "x")).orderBy(r.desc(row -> row.g("id"))).run(conn),
                "Cannot perform get_field on a non-object non-sequence `2`.", 1L, 0L, 1L, 0L);
    }

    /** A missing sort key is less than any value: first in ascending order, last in descending. */
    @Test
    void missingSortKeysAreTheLeast() {
        List<Object> rows = List.of(r.hashMap("a", 1), r.hashMap("b", 1), r.hashMap("a", 2));
        assertThat(r.expr(rows).orderBy("a").run(conn, List.class).single())
                .containsExactly(Map.of("b", 1L), Map.of("a", 1L), Map.of("a", 2L));
        assertThat(r.expr(rows).orderBy(r.desc("a")).run(conn, List.class).single())
                .containsExactly(Map.of("a", 2L), Map.of("a", 1L), Map.of("b", 1L));
    }

    /**
     * get_all reads its index when its rows are read, as RethinkDB does: do() refuses the
     * selection first, no keys read nothing, and a missing index is get_all's error.
     */
    @Test
    void getAllLooksUpItsIndexWhenRead() {
        assertFrames(() -> r.table("docs").getAll(1, 2, 3).optArg("index", "nope").do_(x -> x.add(3)).run(conn),
                "Expected type DATUM but found SELECTION:\nSELECTION ON table(docs)", 1L);
        assertThat((Object) r.table("docs").getAll().optArg("index", "nope").count().run(conn, Long.class).single())
                .isEqualTo(0L);
        assertFrames(() -> r.table("docs").getAll(1).optArg("index", "nope").count().run(conn),
                "Index `nope` was not found on table `test.docs`.", 0L);
        assertFrames(() -> r.table("docs").getAll(1).optArg("index", "nope").map(x -> x).count().run(conn),
                "Index `nope` was not found on table `test.docs`.", 0L, 0L);
        assertThat((Object) r.table("docs").getAll(1, 2).optArg("index", "foo").count().run(conn, Long.class).single())
                .isEqualTo(2L);
    }

    /** between and an indexed order_by read their index when read too: a missing one is their error. */
    @Test
    void tableSlicesLookUpTheirIndexWhenRead() {
        assertFrames(() -> r.table("docs").between(1, 2).optArg("index", "nope").do_(x -> x.add(3)).run(conn),
                "Expected type DATUM but found TABLE_SLICE:\nSELECTION ON table(docs)", 1L);
        assertFrames(() -> r.table("docs").between(1, 2).optArg("index", "nope").count().run(conn),
                "Index `nope` was not found on table `test.docs`.", 0L);
        assertFrames(() -> r.table("docs").between(1, 2).optArg("index", "nope").map(x -> x).count().run(conn),
                "Index `nope` was not found on table `test.docs`.", 0L, 0L);
        assertFrames(() -> r.table("docs").orderBy().optArg("index", "nope").count().run(conn),
                "Index `nope` was not found on table `test.docs`.", 0L);
        assertFrames(() -> r.table("docs").orderBy().optArg("index", "nope").run(conn),
                "Index `nope` was not found on table `test.docs`.");
    }

    private static Map<Object, Object> time(double epoch, String zone) {
        return r.hashMap("$reql_type$", "TIME").with("epoch_time", epoch).with("timezone", zone);
    }

    private static void expectLogicError(Executable query, String message) {
        assertThatThrownBy(query::execute).isInstanceOf(ReqlQueryLogicError.class).hasMessageStartingWith(message);
    }

    private static void assertFrames(Executable query, String message, Object... frames) {
        Throwable thrown = org.junit.jupiter.api.Assertions.assertThrows(ReqlError.class, query);
        assertThat(thrown).hasMessageStartingWith(message);
        Backtrace backtrace = ((ReqlError) thrown).getBacktrace();  // the driver gives null for no frames
        assertThat(backtrace == null ? List.of() : backtrace.getRaw()).containsExactly(frames);
    }
}
