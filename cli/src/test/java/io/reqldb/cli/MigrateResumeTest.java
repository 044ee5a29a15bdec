package io.reqldb.cli;

import static com.rethinkdb.RethinkDB.r;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rethinkdb.net.Connection;
import io.reqldb.cli.ReqldbProcess.Outcome;
import io.reqldb.rethinkdata.LegacyFolders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An interrupted {@code reqldb migrate --from-rethinkdb} (a row of the second table damaged, so
 * the run stops after the first table is done and part of the second is written), then, the file
 * repaired, {@code --resume}: the done table is skipped, the other continues after its written
 * rows, and every document is in the result exactly once. Likewise a run killed (SIGKILL) once
 * its journal records a table complete. Until the conversion completes, {@code serve} refuses the
 * directory; a resume from another RethinkDB folder than the interrupted run's is refused. Real
 * processes, real files.
 */
class MigrateResumeTest {
    private static final int KILLED_TABLES = 40;
    @TempDir
    Path tmp;

    /** orders: 20 rows, copied first (tables go by name); users: 40 rows, u00 to u39. */
    private static Map<String, List<String[]>> tables() {
        Map<String, List<String[]>> tables = new LinkedHashMap<>();
        List<String[]> orders = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            orders.add(new String[] {"id", String.format("o%02d", i), "tags", "t" + i % 2});
        }
        tables.put("orders", orders);
        List<String[]> users = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            users.add(new String[] {"id", String.format("u%02d", i), "tags", "x"});
        }
        tables.put("users", users);
        return tables;
    }

    /**
     * Damages the row {@code u25} in the users file: the type tag of its id (a string: tag 6,
     * length 3, "u25") becomes one no datum has. Returns the offset, to repair it.
     */
    private static int damageU25(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        byte[] pattern = {6, 3, 'u', '2', '5'};
        for (int i = 0; i + pattern.length <= bytes.length; i++) {
            if (java.util.Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
                bytes[i] = 0x7F;
                Files.write(file, bytes);
                return i;
            }
        }
        throw new AssertionError("row u25 not found in " + file);
    }

    private static void repair(Path file, int offset) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        bytes[offset] = 6;
        Files.write(file, bytes);
    }

    private Outcome migrate(Path folder, Path target, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("migrate", "--from-rethinkdb", folder.toString(), "--directory",
                target.toString()));
        args.addAll(List.of(more));
        return ReqldbProcess.run(tmp, 120, args.toArray(String[]::new));
    }

    /** A stopped run: it exits 1 and says which tables are done and how far the other got. */
    private Outcome interruptedRun(Path folder, Path target) throws Exception {
        Outcome stopped = migrate(folder, target, "-q");
        assertThat(stopped.exitCode()).isEqualTo(1);
        assertThat(stopped.err()).contains("table app.users").contains("datum type tag 127")
                .contains("Rows copied completely: app.orders (20 rows).")
                .contains("Not completely: app.users (25 of about 40 rows copied).")
                .contains(target + " is incomplete").contains("--resume");
        return stopped;
    }

    private static void checkEveryRowOnce(Path target) throws Exception {
        try (ServedDirectory served = ServedDirectory.open(target); Connection admin = served.connect("admin", "")) {
            for (var t : tables().entrySet()) {
                List<JsonNode> rows = served.rows(admin, "app", t.getKey());
                assertThat(rows).as(t.getKey()).containsExactlyElementsOf(LegacyFolderCommandsTest.expectedRows(t.getValue()));
            }
            Object tagged = r.db("app").table("users").getAll("x").optArg("index", "tags").count().run(admin).single();
            assertThat(((Number) tagged).longValue()).isEqualTo(40);
        }
    }

    @Test
    void damagedSecondTable_stopsTheRun_thenResumeSkipsTheFirstAndContinuesTheSecond() throws Exception {
        Path folder = tmp.resolve("rethinkdb_data");
        Path users = LegacyFolders.folder116(folder, tables(), null).get("users");
        int damage = damageU25(users);
        Path target = tmp.resolve("reqldb_data");
        interruptedRun(folder, target);

        Outcome again = migrate(folder, target, "-q");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("already holds data").contains("add --resume");
        Outcome served = ReqldbProcess.run(tmp, 120, "serve", "--directory", target.toString(), "--driver-port", "0",
                "--no-http-admin");
        assertThat(served.exitCode()).as("serving the half-converted directory").isNotZero();
        assertThat(served.err()).contains(target + " holds a conversion from RethinkDB that did not finish")
                .contains("--resume");

        repair(users, damage);
        Outcome resumed = migrate(folder, target, "--resume");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("Resuming the conversion").contains(target + " is ready");
        assertThat(resumed.err()).contains("app.orders: rows copied by an earlier run")
                .contains("app.users: 15 rows in ");
        assertThat(target.resolve(MigrateCommand.JOURNAL)).as("removed once complete").doesNotExist();
        checkEveryRowOnce(target);
    }

    @Test
    void journalAheadOfTheRows_asAMachineCrashCanLeaveIt_copiesThatTableAgain() throws Exception {
        Path folder = tmp.resolve("rethinkdb_data");
        Path users = LegacyFolders.folder116(folder, tables(), null).get("users");
        int damage = damageU25(users);
        Path target = tmp.resolve("reqldb_data");
        interruptedRun(folder, target);
        // The journal's line reached the disk, the rows it records did not.
        Files.writeString(target.resolve(MigrateCommand.JOURNAL), "app.users\trows\t35\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        repair(users, damage);
        Outcome resumed = migrate(folder, target, "--resume");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("app.users: the last row an earlier run recorded is not in the target")
                .contains("app.users: 40 rows in ");
        checkEveryRowOnce(target);
    }

    @Test
    void killedMidRun_resumes_everyDocumentOnce() throws Exception {
        // Enough tables that the run is still going when the first is recorded complete.
        Map<String, List<String[]>> tables = new LinkedHashMap<>();
        for (int t = 0; t < KILLED_TABLES; t++) {
            List<String[]> rows = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                rows.add(new String[] {"id", String.format("r%02d", i), "tags", "x"});
            }
            tables.put(String.format("t%02d", t), rows);
        }
        Path folder = tmp.resolve("rethinkdb_data");
        LegacyFolders.folder116(folder, tables, null);
        Path target = tmp.resolve("reqldb_data");
        Path journal = target.resolve(MigrateCommand.JOURNAL);
        Process run = ReqldbProcess.start(tmp, "migrate", "--from-rethinkdb", folder.toString(), "--directory",
                target.toString(), "-q");
        try {
            while (run.isAlive() && !(Files.exists(journal) && Files.readString(journal).contains("\tdata\t"))) {
                Thread.sleep(2);
            }
        } finally {
            run.destroyForcibly(); // SIGKILL
            run.waitFor();
        }
        assertThat(journal).as("killed before it completed").exists();

        Outcome resumed = migrate(folder, target, "--resume", "-q");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains(": rows copied by an earlier run");
        try (ServedDirectory served = ServedDirectory.open(target); Connection admin = served.connect("admin", "")) {
            for (var t : tables.entrySet()) {
                assertThat(served.rows(admin, "app", t.getKey())).as(t.getKey())
                        .containsExactlyElementsOf(LegacyFolderCommandsTest.expectedRows(t.getValue()));
            }
        }
    }

    @Test
    void resumeFromAnotherFolder_isRefused_aCopyOfTheSameFolderResumes() throws Exception {
        Path folder = tmp.resolve("rethinkdb_data");
        Path users = LegacyFolders.folder116(folder, tables(), null).get("users");
        int damage = damageU25(users);
        Path target = tmp.resolve("reqldb_data");
        interruptedRun(folder, target);
        Path journal = target.resolve(MigrateCommand.JOURNAL);
        String journalBefore = Files.readString(journal);

        // Another install's folder: a table of another name (so another id) instead of users.
        Map<String, List<String[]>> others = tables();
        others.put("clients", others.remove("users"));
        Path other = tmp.resolve("other_rethinkdb_data");
        LegacyFolders.folder116(other, others, null);
        Outcome refused = migrate(other, target, "--resume");
        assertThat(refused.exitCode()).isEqualTo(1);
        String usersId = users.getFileName().toString();
        assertThat(refused.err()).contains("Error: " + other + " is not the RethinkDB folder the interrupted conversion"
                + " into " + target + " was reading").contains("its file " + usersId + " is not in this one")
                .contains("Nothing was changed");
        assertThat(refused.out()).doesNotContain("Resuming");
        assertThat(Files.readString(journal)).as("journal untouched").isEqualTo(journalBefore);

        // The same folder, repaired and copied elsewhere: the same files at the same versions.
        repair(users, damage);
        Path copy = tmp.resolve("moved_rethinkdb_data");
        Files.createDirectories(copy);
        try (var files = Files.list(folder)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        Outcome resumed = migrate(copy, target, "--resume", "-q");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        checkEveryRowOnce(target);
    }

    @Test
    void resumeWithNothingInterrupted_isRefused() throws Exception {
        Path folder = tmp.resolve("rethinkdb_data");
        LegacyFolders.folder116(folder, tables(), null);
        Outcome run = migrate(folder, tmp.resolve("reqldb_data"), "--resume");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("Nothing to resume");
        assertThat(tmp.resolve("reqldb_data")).doesNotExist();
    }
}
