package io.reqldb.server.it;

import static com.rethinkdb.RethinkDB.r;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rethinkdb.gen.exc.ReqlCompileError;
import com.rethinkdb.gen.exc.ReqlQueryLogicError;
import com.rethinkdb.gen.exc.ReqlResourceLimitError;
import com.rethinkdb.model.OptArgs;
import com.rethinkdb.net.Connection;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Corners of ReQL the polyglot suite does not show, checked against RethinkDB 2.4's behaviour. */
class ReqlFidelityTest {
    @TempDir
    static Path dir;
    static LiveServer server;
    static Connection conn;

    @BeforeAll
    static void start() throws Exception {
        server = new LiveServer(dir.resolve("data"));
        conn = server.connect();
        r.tableCreate("b").run(conn);
        r.table("b").insert(r.range(10).map(i -> r.hashMap("id", i).with("v", i))).run(conn);
        r.table("b").indexCreate("v").run(conn);
        r.table("b").indexWait().run(conn);
    }

    @AfterAll
    static void stop() {
        conn.close();
        server.close();
    }

    @Test
    void anUnknownGlobalOptargIsACompileError() {
        assertThatThrownBy(() -> r.expr(1).run(conn, OptArgs.of("durabilty", "soft")))
                .isInstanceOf(ReqlCompileError.class)
                .hasMessageContaining("Unrecognized global optional argument `durabilty`.");
        assertThat((Object) r.expr(1).run(conn, OptArgs.of("read_mode", "outdated"), Long.class).single())
                .isEqualTo(1L);
    }

    /** A term reads the query's global optarg of a name it was not given, as RethinkDB's terms do. */
    @Test
    void termsFallBackToGlobalOptargs() {
        assertThatThrownBy(() -> r.table("b").run(conn, OptArgs.of("read_mode", "bogus")))
                .isInstanceOf(ReqlQueryLogicError.class)
                .hasMessageContaining("Read mode `bogus` unrecognized (options are \"majority\", \"single\", and "
                        + "\"outdated\").");
        assertThatThrownBy(() -> r.table("b").run(conn, OptArgs.of("use_outdated", true)))
                .isInstanceOf(ReqlQueryLogicError.class)
                .hasMessageContaining("The `use_outdated` optarg is no longer supported.  Use the `read_mode` optarg "
                        + "instead.");
        Map<?, ?> done = r.table("b").insert(r.hashMap("id", 1).with("v", 1).with("w", 1))
                .run(conn, OptArgs.of("conflict", "update"), Map.class).single();
        assertThat(done.get("replaced")).isEqualTo(1L);
        // RethinkDB accepts any limit from 1 up.
        assertThat((Object) r.expr(r.array(1)).run(conn, OptArgs.of("array_limit", 1), List.class).single())
                .isEqualTo(List.of(1L));
        assertThatThrownBy(() -> r.expr(r.array(1, 2)).run(conn, OptArgs.of("array_limit", 1)))
                .isInstanceOf(ReqlResourceLimitError.class).hasMessageStartingWith("Array over size limit `1`.");
    }

    /** The values of an r.args are as deterministic as the r.args term they came from. */
    @Test
    void determinismReachesThroughArgs() {
        assertThatThrownBy(() -> r.table("b").update(r.args(r.array(r.hashMap("x", r.js("1"))))).run(conn))
                .isInstanceOf(ReqlQueryLogicError.class)
                .hasMessageContaining("Could not prove argument deterministic.  Maybe you want to use the non_atomic flag?");
        Map<?, ?> done = r.table("b").update(r.args(r.array(r.hashMap("x", r.js("1")))))
                .optArg("non_atomic", true).run(conn, Map.class).single();
        assertThat(done.get("replaced")).isEqualTo(10L);
        done = r.table("b").update(r.args(r.array(r.hashMap("x", 2)))).run(conn, Map.class).single();
        assertThat(done.get("replaced")).isEqualTo(10L);
    }

    /** Bounds that admit nothing find nothing, and info() shows them as given, as RethinkDB does. */
    @Test
    void emptyAndReversedRanges() {
        assertThat((Object) r.table("b").between(5, 1).count().run(conn, Long.class).single()).isEqualTo(0L);
        assertThat((Object) r.table("b").between(5, 5).count().run(conn, Long.class).single()).isEqualTo(0L);
        assertThat((Object) r.table("b").between(5, 5).optArg("right_bound", "closed").count()
                .run(conn, Long.class).single()).isEqualTo(1L);
        assertThat((Object) r.table("b").between(7, 3).optArg("index", "v").count().run(conn, Long.class).single())
                .isEqualTo(0L);
        Map<?, ?> info = r.table("b").between(5, 1).info().run(conn, Map.class).single();
        assertThat(info.get("left_bound")).isEqualTo(5L);
        assertThat(info.get("left_bound_type")).isEqualTo("closed");
        assertThat(info.get("right_bound")).isEqualTo(1L);
        assertThat(info.get("right_bound_type")).isEqualTo("open");
        info = r.table("b").between(r.maxval(), r.minval()).info().run(conn, Map.class).single();
        assertThat(info.get("left_bound_type")).isEqualTo("unachievable");
        assertThat(info.get("right_bound_type")).isEqualTo("unachievable");
        Map<?, ?> deleted = r.table("b").between(5, 1).delete().run(conn, Map.class).single();
        assertThat(deleted.get("deleted")).isEqualTo(0L);
    }

    /** Distances and their text are RethinkDB's doubles, digit for digit. */
    @Test
    void geodesicsAndNumberTextAreRethinkDbs() {
        assertThat(r.distance(r.point(-122, 37), r.point(-123, 37)).coerceTo("STRING").run(conn, String.class).single())
                .isEqualTo("89011.26253835332");
        assertThat(r.distance(r.point(0, 0), r.point(180, 0)).mul(2).coerceTo("STRING").run(conn, String.class)
                .single()).isEqualTo("40007862.917250897");
        List<?> circle = (List<?>) r.circle(r.array(0, 0), 1).optArg("num_vertices", 3).optArg("fill", false)
                .toGeojson().g("coordinates").run(conn, List.class).single();
        assertThat(circle.get(0)).isEqualTo(List.of(0L, -9.04369477050382e-06));
    }
    /** Every key type RethinkDB accepts is stored and read back in the primary index's order. */
    @Test
    void primaryKeysOfEveryAcceptedType() {
        r.tableCreate("keys").run(conn);
        List<Object> ids = List.of(r.array(1, "a", r.array(true)), false, true, -2.5, 0, 1e300, r.binary(new byte[] {0, 1, 2}),
                r.epochTime(1000), "", "z");
        for (Object id : ids) {
            assertThat(r.table("keys").insert(r.hashMap("id", id)).run(conn, Map.class).single().get("inserted"))
                    .isEqualTo(1L);
        }
        List<?> order = r.table("keys").orderBy().optArg("index", "id").map(row -> row.g("id").typeOf()).coerceTo("array")
                .run(conn, List.class).single();
        assertThat(order.stream().map(Object::toString).toList()).containsExactly("ARRAY", "BOOL", "BOOL", "NUMBER", "NUMBER", "NUMBER", "PTYPE<BINARY>",
                "PTYPE<TIME>", "STRING", "STRING");
        assertThat((Object) r.table("keys").get(r.epochTime(1000)).count().run(conn, Long.class).single()).isEqualTo(1L);
    }

    /** What RethinkDB refuses as a key, refused with its words. */
    @Test
    void primaryKeysRethinkDbRefuses() {
        r.tableCreate("badkeys").run(conn);
        assertThat(r.table("badkeys").insert(r.hashMap("id", r.json("[1, null]"))).run(conn, Map.class).single()
                .get("first_error")).isEqualTo("Array keys can only contain numbers, strings, bools,  pseudotypes, "
                        + "or arrays (got null of type NULL).");
        assertThat(r.table("badkeys").insert(r.hashMap("id", r.point(0, 0))).run(conn, Map.class).single()
                .get("first_error")).isEqualTo("Cannot use a geometry value as a key value in a primary or "
                        + "non-geospatial secondary index.");
        // The key's internal encoding ("S" and the string here) may take 128 bytes; a number in it takes 18
        // plus its %.20g text, so five 0.1s (41 bytes each with the separator) are too long.
        String longest = "x".repeat(127);
        assertThat(r.table("badkeys").insert(r.hashMap("id", longest)).run(conn, Map.class).single().get("inserted"))
                .isEqualTo(1L);
        assertThat((String) r.table("badkeys").insert(r.hashMap("id", longest + "x")).run(conn, Map.class).single()
                .get("first_error")).startsWith("Primary key too long (max 127 characters): ");
        List<Object> numbers = r.array();
        for (int i = 0; i < 5; i++) {
            numbers.add(0.1);
        }
        assertThat((String) r.table("badkeys").insert(r.hashMap("id", numbers)).run(conn, Map.class).single()
                .get("first_error")).startsWith("Primary key too long (max 127 characters): ");
    }
}
