package io.reqldb.cli;

import static com.rethinkdb.RethinkDB.r;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rethinkdb.gen.exc.ReqlError;
import com.rethinkdb.model.OptArgs;
import com.rethinkdb.net.Connection;
import io.reqldb.query.terms.http.HttpAccess;
import io.reqldb.server.ReqlServer;
import io.reqldb.server.ServerConfig;
import io.reqldb.storage.rocksdb.RocksStoreOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate --from-rethinkdb} on the folder RethinkDB 2.4.4 left, then a server on the new
 * directory: every table's rows, indexes and write hook as RethinkDB had them, the table
 * settings, and {@code alice} logging in with her unchanged password with exactly her grants.
 */
class MigrateFromRethinkDbTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long CACHE_MB = RocksStoreOptions.DEFAULT.cacheSizeMb();
    @TempDir
    Path tmp;

    private static Path fixtures() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/fixtures/rethinkdb-2.4.4/datadir");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        assumeTrue(false, "shared/fixtures not found");
        return null;
    }

    private Path unpack(String archive) throws Exception {
        Path into = Files.createDirectories(tmp.resolve("src"));
        Process tar = new ProcessBuilder("tar", "xzf", fixtures().resolve(archive).toString(), "-C", into.toString())
                .inheritIO().start();
        assertThat(tar.waitFor()).isZero();
        return into.resolve("rethinkdb_data");
    }

    private record Run(int code, String out, String err) {
    }

    private static Run migrate(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new picocli.CommandLine(new MigrateCommand(new PrintStream(out, true), new PrintStream(err, true)))
                .execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void cleanFolder_migratedThenServed_hasEverythingRethinkDbHad() throws Exception {
        migrateServeAndCheck("rethinkdb_data.tar.gz", "expected.json");
    }

    @Test
    void folderLeftByKill9_migrated_hasWhatRethinkDbRecovered() throws Exception {
        migrateServeAndCheck("unclean_data.tar.gz", "expected-unclean.json");
    }

    @Test
    void serve_onTheRethinkDbFolder_stillRefuses_andNamesTheCommand() throws Exception {
        Path folder = unpack("rethinkdb_data.tar.gz");
        assertThatThrownBy(() -> ServeBackend.open(folder, CACHE_MB, HttpAccess.STRICT))
                .hasMessageContaining("reqldb migrate --from-rethinkdb " + folder + " --directory NEW_DIR")
                .hasMessageContaining("Nothing was changed.");
    }

    @Test
    void targetHoldingData_isRefused() throws Exception {
        Path folder = unpack("rethinkdb_data.tar.gz");
        Path target = tmp.resolve("new");
        assertThat(migrate("--from-rethinkdb", folder.toString(), "--directory", target.toString()).code()).isZero();
        Run again = migrate("--from-rethinkdb", folder.toString(), "--directory", target.toString());
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("already holds data");
    }

    /** The table whose file is the largest, and that file truncated to a third. */
    private static io.reqldb.rethinkdata.TableConfig truncateLargestTable(Path folder) throws Exception {
        io.reqldb.rethinkdata.DataDirectory dir = io.reqldb.rethinkdata.DataDirectory.open(folder, false);
        io.reqldb.rethinkdata.TableConfig largest = dir.tables().stream()
                .max(Comparator.comparingLong(t -> dir.tableFile(t.id()).toFile().length())).orElseThrow();
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(dir.tableFile(largest.id()).toFile(), "rw")) {
            raf.setLength(raf.length() / 3);
        }
        return largest;
    }

    @Test
    void truncatedTable_stopsTheMigration_namingTableFileAndOffset() throws Exception {
        Path folder = unpack("rethinkdb_data.tar.gz");
        io.reqldb.rethinkdata.TableConfig damaged = truncateLargestTable(folder);
        Path target = tmp.resolve("new");
        Run run = migrate("--from-rethinkdb", folder.toString(), "--directory", target.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("." + damaged.name()).contains(folder.resolve(damaged.id().toString()).toString())
                .contains("offset ").contains("truncated").contains(target + " is incomplete")
                .contains("--continue-on-error");
    }

    @Test
    void continueOnError_convertsEveryOtherTable_listsTheDamagedOne_exitsOne() throws Exception {
        Path folder = unpack("rethinkdb_data.tar.gz");
        io.reqldb.rethinkdata.TableConfig damaged = truncateLargestTable(folder);
        Path target = tmp.resolve("reqldb_data");
        Run run = migrate("--from-rethinkdb", folder.toString(), "--directory", target.toString(),
                "--continue-on-error");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("1 table(s) could not be read completely").contains("." + damaged.name() + ": ");
        JsonNode expected = JSON.readTree(fixtures().resolve("expected.json").toFile());
        try (ServeBackend backend = ServeBackend.open(target, CACHE_MB, HttpAccess.STRICT);
                ReqlServer server = new ReqlServer(ServerConfig.builder().driverPort(0).queryThreads(2).feedThreads(2)
                        .build(), backend.engine(), backend.users(null)).start();
                Connection admin = r.connection().hostname("127.0.0.1").port(server.port()).connect()) {
            int checked = 0;
            for (var it = expected.get("tables").fields(); it.hasNext(); ) {
                var e = it.next();
                if (!e.getKey().endsWith("." + damaged.name())) {
                    checkTable(admin, e.getKey(), e.getValue());
                    checked++;
                }
            }
            assertThat(checked).isEqualTo(expected.get("tables").size() - 1);
        }
    }

    @Test
    void folderHeldByRunningRethinkDb_isRefused_unlessForced() throws Exception {
        Path folder = unpack("rethinkdb_data.tar.gz");
        // RethinkDB holds an exclusive flock on its folder while it runs; flock(1) takes the same lock.
        Process holder = new ProcessBuilder("flock", "-x", "-o", folder.toString(), "sleep", "60").start();
        try {
            for (int i = 0; i < 200 && isReadable(folder); i++) {
                Thread.sleep(50); // until flock(1) holds the lock
            }
            Run refused = migrate("--from-rethinkdb", folder.toString(), "--directory", tmp.resolve("a").toString());
            assertThat(refused.code()).isEqualTo(1);
            assertThat(refused.err()).contains("in use by a running RethinkDB").contains("reqldb dump -c");
            Run forced = migrate("--from-rethinkdb", folder.toString(), "--directory", tmp.resolve("b").toString(),
                    "--force");
            assertThat(forced.code()).as(forced.err()).isZero();
        } finally {
            holder.destroyForcibly();
            holder.waitFor();
        }
    }

    /** Every file of {@code folder} by name, with the SHA-256 of its bytes. */
    private static Map<String, String> digests(Path folder) throws Exception {
        Map<String, String> out = new java.util.TreeMap<>();
        try (var files = Files.list(folder)) {
            for (Path f : files.toList()) {
                if (Files.isRegularFile(f)) {
                    byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
                    out.put(f.getFileName().toString(), java.util.HexFormat.of().formatHex(sha));
                }
            }
        }
        return out;
    }

    private static boolean isReadable(Path folder) {
        try {
            io.reqldb.rethinkdata.DataDirectory.open(folder, false);
            return true;
        } catch (io.reqldb.rethinkdata.RethinkDataException e) {
            return false;
        }
    }

    private void migrateServeAndCheck(String archive, String expectedName) throws Exception {
        Path folder = unpack(archive);
        Path target = tmp.resolve("reqldb_data");
        Map<String, String> before = digests(folder);
        Run run = migrate("--from-rethinkdb", folder.toString(), "--directory", target.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(digests(folder)).as("the RethinkDB folder is only read").isEqualTo(before);
        assertThat(run.err()).as("each table's final progress line").contains("app.users: ").contains(" rows in ")
                .contains(" rows/s)");
        JsonNode expected = JSON.readTree(fixtures().resolve(expectedName).toFile());
        try (ServeBackend backend = ServeBackend.open(target, CACHE_MB, HttpAccess.STRICT);
                ReqlServer server = new ReqlServer(ServerConfig.builder().driverPort(0).queryThreads(2).feedThreads(2)
                        .build(), backend.engine(), backend.users(null)).start();
                Connection admin = r.connection().hostname("127.0.0.1").port(server.port()).connect()) {
            JsonNode tables = expected.get("tables");
            for (var it = tables.fields(); it.hasNext(); ) {
                var e = it.next();
                checkTable(admin, e.getKey(), e.getValue());
            }
            if (expected.has("users")) {
                checkUsers(admin, expected, server.port());
            }
        }
    }

    private static void checkTable(Connection conn, String qualified, JsonNode want) throws Exception {
        String db = qualified.substring(0, qualified.indexOf('.'));
        String table = qualified.substring(qualified.indexOf('.') + 1);
        String pk = want.get("primary_key").asText();
        OptArgs raw = new OptArgs().with("time_format", "raw").with("binary_format", "raw");
        List<?> rows = (List<?>) r.db(db).table(table).orderBy().optArg("index", pk).coerceTo("array").run(conn, raw)
                .single();
        // As text: the driver's longs and the file's ints are different JSON nodes of the same value.
        List<String> got = new ArrayList<>();
        for (Object row : rows) {
            got.add(JSON.writeValueAsString(JSON.valueToTree(row)));
        }
        List<String> wanted = new ArrayList<>();
        for (JsonNode row : want.get("rows")) {
            wanted.add(JSON.writeValueAsString(row));
        }
        assertThat(got).as(qualified + " rows").containsExactlyElementsOf(wanted);
        List<?> status = (List<?>) r.db(db).table(table).indexStatus().run(conn, raw).single();
        List<JsonNode> indexes = new ArrayList<>();
        for (Object s : status) {
            JsonNode n = JSON.valueToTree(s);
            indexes.add(JSON.createObjectNode().put("index", n.get("index").asText()).put("multi", n.get("multi").asBoolean())
                    .put("geo", n.get("geo").asBoolean()).put("ready", n.get("ready").asBoolean())
                    .set("function", n.get("function")));
        }
        List<JsonNode> wantIndexes = new ArrayList<>();
        for (JsonNode n : want.get("indexes")) {
            wantIndexes.add(JSON.createObjectNode().put("index", n.get("index").asText()).put("multi", n.get("multi").asBoolean())
                    .put("geo", n.get("geo").asBoolean()).put("ready", true).set("function", n.get("function")));
        }
        indexes.sort(Comparator.comparing(n -> n.get("index").asText()));
        wantIndexes.sort(Comparator.comparing(n -> n.get("index").asText()));
        assertThat(indexes).as(qualified + " indexes").isEqualTo(wantIndexes);
        for (JsonNode n : want.get("indexes")) {
            if (!n.get("geo").asBoolean()) {
                // Built from their functions: the index answers as many rows as the table has values for it.
                Object count = r.db(db).table(table).between(r.minval(), r.maxval()).optArg("index", n.get("index").asText())
                        .count().run(conn).single();
                assertThat(((Number) count).longValue()).as(qualified + " index " + n.get("index")).isPositive();
            }
        }
        Object hook = r.db(db).table(table).getWriteHook().run(conn, raw).single();
        JsonNode wantHook = want.get("write_hook");
        if (wantHook == null || wantHook.isNull()) {
            assertThat(hook).as(qualified + " hook").isNull();
        } else {
            assertThat(JSON.valueToTree(hook).get("function")).as(qualified + " hook").isEqualTo(wantHook.get("function"));
        }
        JsonNode config = want.get("config");
        if (config != null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> actual = (Map<String, Object>) r.db(db).table(table).config().run(conn).single();
            assertThat(actual.get("durability")).as(qualified + " durability").isEqualTo(config.get("durability").asText());
            assertThat(actual.get("write_acks")).as(qualified + " write_acks").isEqualTo(config.get("write_acks").asText());
            assertThat((List<?>) actual.get("shards")).as(qualified + " shards").hasSize(config.get("shards").size());
        }
    }

    private static void checkUsers(Connection admin, JsonNode expected, int port) throws Exception {
        List<String> users = new ArrayList<>();
        for (Object u : r.db("rethinkdb").table("users").g("id").orderBy(r.asc(x -> x)).run(admin, List.class).single()) {
            users.add(String.valueOf(u));
        }
        List<String> wantUsers = new ArrayList<>();
        expected.get("users").forEach(u -> wantUsers.add(u.asText()));
        assertThat(users).isEqualTo(wantUsers);
        List<JsonNode> perms = new ArrayList<>();
        for (Object p : (List<?>) r.db("rethinkdb").table("permissions").without("id").coerceTo("array").run(admin)
                .single()) {
            perms.add(JSON.valueToTree(p));
        }
        List<JsonNode> wantPerms = new ArrayList<>();
        for (JsonNode p : expected.get("permissions")) {
            // admin's row for the `rethinkdb` database is the server's own, not data: RethinkDB shows it, ReqlDB does not.
            if (!("admin".equals(p.get("user").asText()) && p.has("database"))) {
                wantPerms.add(p);
            }
        }
        assertThat(perms).containsExactlyInAnyOrderElementsOf(wantPerms);
        try (Connection alice = r.connection().hostname("127.0.0.1").port(port).user("alice", "wonder").connect()) {
            Object count = r.db("app").table("orders").count().run(alice).single();
            assertThat(((Number) count).longValue()).isEqualTo(2500);
            assertThatThrownBy(() -> r.db("app").table("orders").insert(r.hashMap("order_id", -5)).run(alice))
                    .isInstanceOf(ReqlError.class).hasMessageContaining("permission");
            assertThatThrownBy(() -> r.db("app").table("users").count().run(alice)).isInstanceOf(ReqlError.class)
                    .hasMessageContaining("permission");
        }
        assertThatThrownBy(() -> r.connection().hostname("127.0.0.1").port(port).user("alice", "wrong").connect())
                .isInstanceOf(ReqlError.class);
    }
}
