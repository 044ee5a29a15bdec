package io.reqldb.tools.live;

import static com.rethinkdb.RethinkDB.r;
import static org.assertj.core.api.Assertions.assertThat;

import com.rethinkdb.net.Connection;
import io.reqldb.tools.cli.ToolMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** {@code compare} between two real servers: equal tables, then rows, indexes and tables that differ. */
class LiveCompareTest {
    private static final int ROWS = 3000;

    @RegisterExtension
    final TwoServers servers = new TwoServers("cmp");

    @BeforeEach
    void fillBoth() {
        fill(servers.src());
        fill(servers.dst());
    }

    /** The same rows inserted in another order on each call's server is fine: the checksum ignores order. */
    private static void fill(Connection conn) {
        r.dbCreate("cmp").run(conn);
        r.db("cmp").tableCreate("t").run(conn);
        r.db("cmp").tableCreate("named").optArg("primary_key", "name").run(conn);
        r.db("cmp").table("t").indexCreate("v").run(conn);
        r.db("cmp").table("t").insert(r.range(ROWS).map(i -> r.hashMap("id", i).with("v", i.mod(7))
                .with("text", r.expr("row ").add(i.coerceTo("string"))).with("nested", r.hashMap("list", r.array(1, 2.5, "é")))
                .with("at", r.epochTime(1577862015.5)))).run(conn);
        r.db("cmp").table("named").insert(r.array(r.hashMap("name", "ann").with("n", 1),
                r.hashMap("name", "bob").with("n", 2))).run(conn);
    }

    @Test
    void equalTables_exitZero() {
        Outcome run = compare();
        assertThat(run.code).as(run.out + run.err).isZero();
        assertThat(run.out).contains("cmp.t: equal (" + ROWS + " rows").contains("cmp.named: equal (2 rows");
    }

    @Test
    void rowsLongerThanTheDefaultArrayLimit_areComparedToo() {
        // Hashing splits a row's JSON text into characters: 150,000 of them, more than the
        // 100,000 elements RethinkDB allows an array by default.
        String longText = "x".repeat(150_000);
        for (Connection conn : new Connection[] {servers.src(), servers.dst()}) {
            r.db("cmp").table("named").insert(r.hashMap("name", "long").with("text", longText)).run(conn);
        }
        Outcome equal = compare();
        assertThat(equal.code).as(equal.out + equal.err).isZero();
        r.db("cmp").table("named").get("long").update(r.hashMap("text", longText + "y")).run(servers.dst());
        Outcome run = compare();
        assertThat(run.code).as(run.out + run.err).isEqualTo(1);
        assertThat(run.out).contains("cmp.named: DIFFERENT, rows differ (3 vs 3 rows; first differing keys: \"long\")");
    }

    @Test
    void changedAndMissingRows_exitOne_listingTheirKeys() {
        r.db("cmp").table("t").get(17).update(r.hashMap("text", "changed")).run(servers.dst());
        r.db("cmp").table("t").get(2500).delete().run(servers.src());
        r.db("cmp").table("named").insert(r.hashMap("name", "cy")).run(servers.dst());
        Outcome run = compare();
        assertThat(run.code).as(run.out + run.err).isEqualTo(1);
        assertThat(run.out).contains("cmp.t: DIFFERENT, rows differ (" + (ROWS - 1) + " vs " + ROWS
                + " rows; first differing keys: 17, 2500)");
        assertThat(run.out).contains("cmp.named: DIFFERENT, rows differ (2 vs 3 rows; first differing keys: \"cy\")");
    }

    @Test
    void rowsDifferingOnlyInOneNonAsciiCharacter_differ() {
        r.db("cmp").table("t").get(42).update(r.hashMap("nested", r.hashMap("list", r.array(1, 2.5, "ü"))))
                .run(servers.dst());
        Outcome run = compare();
        assertThat(run.code).as(run.out + run.err).isEqualTo(1);
        assertThat(run.out).contains("cmp.t: DIFFERENT, rows differ (" + ROWS + " vs " + ROWS
                + " rows; first differing keys: 42)");
    }

    @Test
    void indexesAndMissingTables_differ_andSelectorsLimitTheComparison() {
        r.db("cmp").table("t").indexCreate("text").run(servers.src());
        r.db("cmp").tableCreate("only_b").run(servers.dst());
        Outcome run = compare();
        assertThat(run.code).isEqualTo(1);
        assertThat(run.out).contains("cmp.t: DIFFERENT, index definitions differ")
                .contains("cmp.only_b: DIFFERENT, the table is missing on the source (-c)");
        Outcome named = compare("-e", "cmp.named");
        assertThat(named.code).as(named.out + named.err).isZero();
        assertThat(named.out).doesNotContain("cmp.t");
    }

    @Test
    void unknownDatabase_andMissingTarget_areUsageErrors() {
        assertThat(compare("-e", "nosuch").code).isEqualTo(1);
        Outcome noTarget = run("compare", "-c", "127.0.0.1:" + servers.source().port());
        assertThat(noTarget.code).isEqualTo(2);
        assertThat(noTarget.err).contains("--to HOST:PORT is required");
    }

    private Outcome compare(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("compare", "-c", "127.0.0.1:" + servers.source().port(),
                "--to", "127.0.0.1:" + servers.target().port()));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    private static Outcome run(String... args) {
        CommandLine cl = ToolMain.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    private record Outcome(int code, String out, String err) {}
}
