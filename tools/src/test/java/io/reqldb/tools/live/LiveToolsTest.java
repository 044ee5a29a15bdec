package io.reqldb.tools.live;

import static com.rethinkdb.RethinkDB.r;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.rethinkdb.net.Connection;
import io.reqldb.tools.Fixtures;
import io.reqldb.tools.SmallDisk;
import io.reqldb.tools.cli.ToolMain;
import io.reqldb.tools.archive.TableInfo;
import io.reqldb.tools.conn.Endpoint;
import io.reqldb.tools.conn.ServerVersion;
import io.reqldb.tools.export.DirectorySink;
import io.reqldb.tools.export.ExportFormat;
import io.reqldb.tools.export.ExportSettings;
import io.reqldb.tools.export.Exporter;
import io.reqldb.tools.export.TableRef;
import io.reqldb.tools.export.TableSink;
import io.reqldb.tools.progress.Progress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The tools against a live server (see {@link LiveServer}); the same tests run against ReqlDB
 * and a real RethinkDB 2.4. Each test starts from a server without the fixture databases.
 */
class LiveToolsTest {
    @TempDir Path tmp;
    private Endpoint endpoint;
    private Connection conn;

    @BeforeEach
    void connect() {
        endpoint = LiveServer.endpoint();
        conn = endpoint.connect();
        Tables.drop(conn, "app", "analytics", "copy");
    }

    @AfterEach
    void close() {
        if (conn != null) {
            Tables.drop(conn, "app", "analytics", "copy");
            conn.close();
        }
    }

    private record Result(int code, String out, String err) {}

    private Result tool(String... args) {
        String[] full = new String[args.length + 2];
        System.arraycopy(args, 0, full, 0, args.length);
        full[args.length] = "-c";
        full[args.length + 1] = endpoint.address();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = ToolMain.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(full);
        return new Result(code, out.toString(), err.toString());
    }

    private void restoreFixture() {
        Result result = tool("restore", Fixtures.rethinkdb244().resolve("dump.tar.gz").toString(), "-q",
                "--journal", tmp.resolve("fixture.journal").toString());
        assertThat(result.code()).as(result.err()).isZero();
    }

    @Test
    void fixtureRestore_equalsExpected() throws Exception {
        restoreFixture();
        Tables.assertMatchesExpected(conn, true);
    }

    @Test
    void restoreOfArchiveWithoutWriteHookField_equalsExpectedWithoutHook() throws Exception {
        Result result = tool("restore", Fixtures.derived().resolve("dump-without-write-hook.tar.gz").toString(), "-q",
                "--journal", tmp.resolve("j").toString());
        assertThat(result.code()).as(result.err()).isZero();
        Tables.assertMatchesExpected(conn, false);
    }

    @Test
    void dumpThenRestore_roundTrips() throws Exception {
        restoreFixture();
        Path archive = tmp.resolve("dump.tar.gz");
        Result dump = tool("dump", "-f", archive.toString(), "-e", "app", "-e", "analytics", "--temp-dir", tmp.toString());
        assertThat(dump.code()).as(dump.err()).isZero();
        assertThat(dump.out()).contains("Done (");
        assertThat(ToolMain.commandLine().execute("verify", "-q", archive.toString())).isZero();
        Tables.drop(conn, "app", "analytics");
        Result restore = tool("restore", archive.toString(), "-q", "--journal", tmp.resolve("j").toString());
        assertThat(restore.code()).as(restore.err()).isZero();
        Tables.assertMatchesExpected(conn, true);
    }

    @Test
    void dumpFromReqlDb_isPointInTime_aWriteDuringTheDumpIsNotInIt() throws Exception {
        assumeTrue(ServerVersion.read(conn).text().contains("ReqlDB"), "snapshots are a ReqlDB extension");
        restoreFixture();
        Result dump = tool("dump", "-f", tmp.resolve("d.tar.gz").toString(), "-e", "app.users",
                "--temp-dir", tmp.toString());
        assertThat(dump.code()).as(dump.err()).isZero();
        assertThat(dump.out()).contains("(one point-in-time snapshot)");

        // The write happens after the snapshot is pinned and before the table is read.
        Path out = Files.createDirectories(tmp.resolve("export"));
        TableRef users = new TableRef("app", "users");
        TableSink writesFirst = new TableSink() {
            private final DirectorySink inner = new DirectorySink(out);

            @Override
            public java.io.OutputStream openData(TableRef table, String extension) throws java.io.IOException {
                r.db("app").table("users").insert(r.hashMap("id", "written-during-dump")).run(conn);
                return inner.openData(table, extension);
            }

            @Override
            public void finishTable(TableRef table, String extension, TableInfo info) throws java.io.IOException {
                inner.finishTable(table, extension, info);
            }
        };
        ExportSettings settings = new ExportSettings(ExportFormat.JSON, null, ',', 1, false, true);
        Exporter.Summary summary = new Exporter(endpoint, settings, Progress.silent(), note -> { })
                .run(conn, List.of(users), writesFirst);
        assertThat(summary.consistent()).isTrue();
        String data = Files.readString(new DirectorySink(out).file(users, "json"));
        assertThat(data).doesNotContain("written-during-dump");
        assertThat(summary.rows()).isEqualTo(((Number) r.db("app").table("users").count().run(conn).single())
                .longValue() - 1);
        assertThat(r.db("rethinkdb").table("snapshots").count().run(conn).single()).as("released").isEqualTo(0L);
    }

    @Test
    void exportThenImport_jsonAndNdjson_roundTrip() throws Exception {
        restoreFixture();
        for (String format : List.of("json", "ndjson")) {
            Path dir = tmp.resolve("export-" + format);
            Result export = tool("export", "-d", dir.toString(), "--format", format, "-e", "app", "-e", "analytics");
            assertThat(export.code()).as(export.err()).isZero();
            Tables.drop(conn, "app", "analytics");
            Result imported = tool("import", "-d", dir.toString(), "-q");
            assertThat(imported.code()).as(imported.err()).isZero();
            Tables.assertMatchesExpected(conn, true);
        }
    }

    @Test
    void exportThenImport_csv_roundTripsAsStrings() throws Exception {
        restoreFixture();
        Path dir = tmp.resolve("csv");
        Result export = tool("export", "-d", dir.toString(), "--format", "csv", "-e", "app.users",
                "--fields", "id,name,age,score,active");
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(Files.readString(dir.resolve("app/users.csv")))
                .isEqualTo(Files.readString(Fixtures.rethinkdb244().resolve("users.csv")));
        Result imported = tool("import", "-f", dir.resolve("app/users.csv").toString(), "--table", "copy.users", "-q");
        assertThat(imported.code()).as(imported.err()).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> ada = (Map<String, Object>) r.db("copy").table("users").get("u00000").run(conn).single();
        assertThat(ada).containsEntry("age", "18").containsEntry("active", "False").containsEntry("name", "Ada 0");
        assertThat(((Number) r.db("copy").table("users").count().run(conn).single()).longValue()).isEqualTo(600);
    }

    @Test
    void fixtureExports_import() throws Exception {
        Result json = tool("import", "-d", Fixtures.rethinkdb244().resolve("export-json").toString(), "-q");
        assertThat(json.code()).as(json.err()).isZero();
        Tables.assertMatchesExpected(conn, true);
        Tables.drop(conn, "app", "analytics");
        Result ndjson = tool("import", "-d", Fixtures.rethinkdb244().resolve("export-ndjson").toString(), "-q");
        assertThat(ndjson.code()).as(ndjson.err()).isZero();
        Tables.assertMatchesExpected(conn, true);
    }

    @Test
    @SuppressWarnings("unchecked")
    void existingTableWithoutForce_writesNothing() throws Exception {
        r.dbCreate("app").run(conn);
        r.db("app").tableCreate("users").run(conn);
        Result result = tool("restore", Fixtures.rethinkdb244().resolve("dump.tar.gz").toString(), "-q",
                "--journal", tmp.resolve("j").toString());
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).contains("Error: import failed: Table 'app.users' already exists, run with --force to import into the existing table")
                .doesNotContain("\tat ");
        assertThat(((Number) r.db("app").table("users").count().run(conn).single()).longValue()).isZero();
        assertThat((List<Object>) r.db("app").tableList().run(conn).single()).containsExactly("users");
        assertThat((List<Object>) r.dbList().run(conn).single()).doesNotContain("analytics");
        Result forced = tool("restore", Fixtures.rethinkdb244().resolve("dump.tar.gz").toString(), "-q", "--force",
                "--journal", tmp.resolve("j2").toString());
        assertThat(forced.code()).as(forced.err()).isZero();
        Tables.assertMatchesExpected(conn, true);
    }

    @Test
    void restoreKilledMidway_resumesWithoutLossOrDuplicates() throws Exception {
        String archive = Fixtures.rethinkdb244().resolve("dump.tar.gz").toString();
        Path journal = tmp.resolve("resume.journal");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process first = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                ToolMain.class.getName(), "restore", archive, "--journal", journal.toString(), "--batch-size", "5",
                "--clients", "1", "-q", "-c", endpoint.address())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("first.log").toFile()).start();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (first.isAlive() && System.nanoTime() < deadline && !journalShowsRows(journal, 500)) {
            Thread.sleep(20);
        }
        first.destroyForcibly().waitFor();
        assertThat(first.exitValue()).as("the first restore must be killed before it ends").isNotZero();
        Result resumed = tool("restore", archive, "--resume", "--journal", journal.toString(), "-q");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        Tables.assertMatchesExpected(conn, true);
        assertThat(journal).doesNotExist();
    }

    private static boolean journalShowsRows(Path journal, long rows) throws java.io.IOException {
        if (!Files.exists(journal)) {
            return false;
        }
        return Files.readAllLines(journal).stream().map(l -> l.split("\t"))
                .anyMatch(p -> p.length == 3 && p[1].equals("rows") && Long.parseLong(p[2]) >= rows);
    }

    @Test
    void dumpOntoAFullDisk_failsAndLeavesNoFiles() throws Exception {
        restoreFixture();
        Path work = Files.createDirectories(tmp.resolve("work"));
        try (SmallDisk disk = SmallDisk.mount(256)) {
            Result dump = tool("dump", "-f", disk.dir().resolve("dump.tar.gz").toString(), "-e", "app",
                    "--temp-dir", work.toString());
            assertThat(dump.code()).isEqualTo(1);
            assertThat(dump.err()).contains("Error: dump failed, ").contains("No space left on device")
                    .doesNotContain("\tat ");
            try (var files = Files.list(disk.dir())) {
                assertThat(files).isEmpty();
            }
            try (var files = Files.list(work)) {
                assertThat(files).isEmpty();
            }
        }
    }

    @Test
    void dumpStoppedBySignal_removesItsTemporaryFiles() throws Exception {
        restoreFixture();
        Path out = Files.createDirectories(tmp.resolve("out"));
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // --clients 1 and a big table first keep the dump busy long enough to be stopped mid-way.
        Process dump = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                ToolMain.class.getName(), "dump", "-e", "app.big_docs", "-e", "app.orders", "-e", "app.users",
                "--clients", "1", "-f", out.resolve("d.tar.gz").toString(), "--temp-dir", work.toString(),
                "-c", endpoint.address())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("dump.log").toFile()).start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (dump.isAlive() && System.nanoTime() < deadline && isEmpty(work)) {
            Thread.sleep(5);
        }
        dump.destroy(); // SIGTERM: the same shutdown path as Ctrl-C
        dump.waitFor();
        if (dump.exitValue() != 0) {
            assertThat(Files.readString(tmp.resolve("dump.log"))).contains("Interrupted; temporary files removed");
            assertThat(isEmpty(out)).as("no partial archive").isTrue();
        }
        assertThat(isEmpty(work)).as("no work files").isTrue();
    }

    private static boolean isEmpty(Path dir) throws java.io.IOException {
        try (var files = Files.list(dir)) {
            return files.findAny().isEmpty();
        }
    }

    @Test
    void wrongPassword_exitsTwo() {
        Result result = tool("export", "-d", tmp.resolve("x").toString(), "-u", "nobody-" + System.nanoTime(),
                "--password-file", writePassword());
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("Unable to connect to server").doesNotContain("\tat ");
    }

    private String writePassword() {
        try {
            return Files.writeString(tmp.resolve("pw"), "wrong\n").toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
