package io.reqldb.tools.live;

import static com.rethinkdb.RethinkDB.r;
import static org.assertj.core.api.Assertions.assertThat;

import com.rethinkdb.net.Connection;
import io.reqldb.tools.cli.ToolMain;
import io.reqldb.tools.conn.Endpoint;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code sync} between two real servers while writer threads insert, update and delete rows
 * of the source: after the writers stop and the sync ends (--until-idle), it has verified both
 * sides equal, {@code compare} agrees, and every document reads back the same on both. The
 * source table has a write hook that counts its runs in each row, so a target that ran the
 * copied hook on the copied rows would differ. The same through loopback proxies that cut the
 * source and target connections mid-copy and mid-catch-up, and a sync stopped by SIGTERM; and
 * {@code --include-config}.
 */
class LiveSyncTest {
    /** The size; {@code -Dreqldb.sync.rows=N} runs another. */
    static final int ROWS = Integer.getInteger("reqldb.sync.rows", 100_000);
    private static final int WRITERS = 4;
    /** Writes go on for this long after the copy ended, so changes arrive during and after it. */
    private static final long WRITES_AFTER_COPY_MS = 2_000;

    @RegisterExtension
    final TwoServers servers = new TwoServers("live");

    @Test
    void syncWhileWritersInsertUpdateAndDelete_convergesToTheSource() throws Exception {
        SyncRuns.fillSource(servers.src(), ROWS);
        StringWriter out = new StringWriter();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong writes = new AtomicLong();
        List<CompletableFuture<Void>> writers = startWriters(stop, writes);
        CompletableFuture<Integer> sync = CompletableFuture.supplyAsync(() -> SyncRuns.run(out, "sync",
                "-c", servers.source().address(), "--to", servers.target().address(), "-e", "live",
                "--until-idle", "3",
                "--status-interval", "2"));
        SyncRuns.awaitOutput(out, "rows copied", sync);
        long writesDuringCopy = writes.get();
        Thread.sleep(WRITES_AFTER_COPY_MS);
        stop.set(true);
        CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        int code = SyncRuns.awaitExit(sync, out);
        assertThat(code).as(out.toString()).isZero();
        assertThat(writesDuringCopy).as("writes during the copy").isPositive();
        assertThat(writes.get()).as("writes after the copy").isGreaterThan(writesDuringCopy);
        assertThat(out.toString()).contains("In sync: 1 tables caught up").contains("live.docs: equal (");

        StringWriter compared = new StringWriter();
        assertThat(SyncRuns.run(compared, "compare", "-c", servers.source().address(),
                "--to", servers.target().address(), "-e", "live"))
                .as(compared.toString()).isZero();
        List<String> onSource = Tables.rows(servers.src(), "live", "docs", "id");
        assertThat(onSource.size()).isGreaterThan(ROWS / 2);
        assertThat(Tables.rows(servers.dst(), "live", "docs", "id")).containsExactlyElementsOf(onSource);
    }

    @Test
    void connectionsOfBothSidesCutMidCopyAndMidCatchUp_syncStillConverges() throws Exception {
        SyncRuns.fillSource(servers.src(), ROWS);
        StringWriter out = new StringWriter();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong writes = new AtomicLong();
        List<CompletableFuture<Void>> writers = startWriters(stop, writes);
        // Mid-copy, the first source connection to receive 300 kB (the copy's reads) is dropped,
        // and the first target connection to send 300 kB (the copy's inserts).
        Endpoint source = servers.source();
        Endpoint target = servers.target();
        try (DroppingProxy toSource = new DroppingProxy(source.host(), source.port(), 300_000, true);
                DroppingProxy toTarget = new DroppingProxy(target.host(), target.port(), 300_000, false)) {
            CompletableFuture<Integer> sync = CompletableFuture.supplyAsync(() -> SyncRuns.run(out, "sync",
                    "-c", "127.0.0.1:" + toSource.port(), "--to", "127.0.0.1:" + toTarget.port(), "-e", "live",
                    "--until-idle", "3", "--status-interval", "2"));
            SyncRuns.awaitOutput(out, "In sync", sync);
            assertThat(toSource.hasCut()).as("a source connection was cut during the copy").isTrue();
            assertThat(toTarget.hasCut()).as("a target connection was cut during the copy").isTrue();
            // Mid-catch-up, with the writers still going: the feed and every other connection.
            toSource.cutAll();
            toTarget.cutAll();
            Thread.sleep(WRITES_AFTER_COPY_MS);
            stop.set(true);
            CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            assertThat(SyncRuns.awaitExit(sync, out)).as(out.toString()).isZero();
        }
        assertThat(out.toString()).contains("the changefeed's connection dropped; re-reading the table")
                .contains("live.docs: equal (");
        servers.assertTargetHasSourceRows("live", "docs", "id");
    }

    @Test
    void sigterm_stopsAfterCatchingUp_verifiesAndExitsZero() throws Exception {
        SyncRuns.fillSource(servers.src(), 2000);
        Path log = Files.createTempFile("reqldb-sync", ".log");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process sync = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                ToolMain.class.getName(), "sync", "-c", servers.source().address(), "--to", servers.target().address(),
                "-e", "live",
                "--status-interval", "1").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (sync.isAlive() && System.nanoTime() < deadline && !Files.readString(log).contains("In sync")) {
                Thread.sleep(50);
            }
            r.db("live").table("docs").insert(r.range(5000, 5100).map(i -> SyncRuns.document(i, 2))).run(servers.src());
            r.db("live").table("docs").get(7).delete().run(servers.src());
            sync.destroy(); // SIGTERM
            assertThat(sync.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String printed = Files.readString(log);
            assertThat(sync.exitValue()).as(printed).isZero();
            assertThat(printed).contains("Stopping: applying the last changes").contains("live.docs: equal (2099 rows");
        } finally {
            sync.destroyForcibly();
            Files.deleteIfExists(log);
        }
        servers.assertTargetHasSourceRows("live", "docs", "id");
    }

    @Test
    @SuppressWarnings("unchecked")
    void includeConfig_copiesTableSettingsUsersAndPermissions() {
        SyncRuns.fillSource(servers.src(), 100);
        r.db("rethinkdb").table("users").insert(r.hashMap("id", "syncbob").with("password", "secret")).run(servers.src());
        try {
            r.db("live").grant("syncbob", r.hashMap("read", true)).run(servers.src());
            r.db("live").table("docs").grant("syncbob", r.hashMap("write", true)).run(servers.src());
            r.db("live").table("docs").config().update(r.hashMap("durability", "soft")).run(servers.src());
            StringWriter out = new StringWriter();
            assertThat(SyncRuns.run(out, "sync", "-c", servers.source().address(), "--to", servers.target().address(),
                    "-e", "live",
                    "--include-config", "--until-idle", "1")).as(out.toString()).isZero();
            assertThat(out.toString()).contains("users (without passwords: set them on the target)");

            assertThat(r.db("live").table("docs").config().g("durability").run(servers.dst()).single()).isEqualTo("soft");
            assertThat(r.db("rethinkdb").table("users").get("syncbob").g("password").run(servers.dst()).single())
                    .isEqualTo(false);
            List<Object> grants = (List<Object>) r.db("rethinkdb").table("permissions").filter(r.hashMap("user", "syncbob"))
                    .pluck("database", "table", "permissions").coerceTo("array").run(servers.dst()).single();
            assertThat(grants).containsExactlyInAnyOrder(
                    Map.of("database", "live", "permissions", Map.of("read", true)),
                    Map.of("database", "live", "table", "docs", "permissions", Map.of("write", true)));
        } finally {
            r.db("rethinkdb").table("users").get("syncbob").delete().run(servers.src());
            r.db("rethinkdb").table("users").get("syncbob").delete().run(servers.dst());
        }
    }

    private List<CompletableFuture<Void>> startWriters(AtomicBoolean stop, AtomicLong writes) {
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int seed = w;
            writers.add(CompletableFuture.runAsync(() -> write(seed, stop, writes)));
        }
        return writers;
    }

    /** Random inserts of new rows, updates and deletes of existing ones, until stopped. */
    private void write(int seed, AtomicBoolean stop, AtomicLong writes) {
        Random random = new Random(seed);
        try (Connection conn = servers.source().connect()) {
            var table = r.db("live").table("docs");
            int next = ROWS + seed;
            while (!stop.get()) {
                int op = random.nextInt(3);
                int id = random.nextInt(ROWS);
                if (op == 0) {
                    table.insert(SyncRuns.document(next, 1)).run(conn);
                    next += WRITERS;
                } else if (op == 1) {
                    table.get(id).update(row -> r.hashMap("version", row.g("version").default_(0).add(1))
                            .with("text", "updated by " + seed)).run(conn);
                } else {
                    table.get(id).delete().run(conn);
                }
                writes.incrementAndGet();
            }
        }
    }
}
