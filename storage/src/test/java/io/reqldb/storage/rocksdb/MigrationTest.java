package io.reqldb.storage.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reqldb.datum.Datum;
import io.reqldb.datum.TimeDatum;
import io.reqldb.storage.IndexStatus;
import io.reqldb.storage.KeyRange;
import io.reqldb.storage.StorageException;
import io.reqldb.storage.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up decision's rows, and the format 1 → 2 migration on the committed v1 fixture. */
class MigrationTest {
    @TempDir
    Path tmp;

    private static final String STEPS = String.format(
            "%n  1. v1→v2 documents: re-encode every document compactly (one-byte small integers and short strings)"
            + "%n  2. v1→v2 index keys: convert plain field-lookup indexes in place (times keep their zone); other"
            + " indexes keep their keys and are reported outdated until `reqldb index-rebuild`");

    // ----- decision rows

    @Test
    void emptyDirectory_isCreatedInTheCurrentFormat() {
        Path dir = tmp.resolve("new");
        StartupDecision d = StartupDecision.inspect(dir);
        assertThat(d.kind()).isEqualTo(StartupDecision.Kind.CREATE);
        assertThat(d.message()).isEqualTo(dir + " holds no data yet: ReqlDB " + Metadata.RELEASE
                + " will create it in data format 2.");
        assertThat(Files.exists(dir)).isFalse();
        try (RocksStore store = RocksStore.open(dir, RocksStoreOptions.DEFAULT)) {
            assertThat(store.metadata().formatVersion()).isEqualTo(2);
        }
        assertThat(StartupDecision.inspect(dir).kind()).isEqualTo(StartupDecision.Kind.OPEN);
    }

    @Test
    void sameFormat_opens() {
        Path dir = tmp.resolve("d");
        RocksStore.open(dir, RocksStoreOptions.DEFAULT).close();
        StartupDecision d = StartupDecision.inspect(dir);
        assertThat(d.kind()).isEqualTo(StartupDecision.Kind.OPEN);
        assertThat(d.message()).isEqualTo(dir + " is in data format 2, the format of ReqlDB " + Metadata.RELEASE
                + ": nothing to migrate.");
    }

    @Test
    void sameFormat_recordsTheReleaseThatLastWroteIt() {
        Path dir = tmp.resolve("d");
        RocksStore.open(dir, RocksStoreOptions.DEFAULT).close();
        Metadata m = Metadata.read(dir);
        new Metadata(2, "0.0.1", m.serverId(), m.createdAt()).write(dir);
        assertThat(StartupDecision.inspect(dir).kind()).isEqualTo(StartupDecision.Kind.OPEN);
        RocksStore.open(dir, RocksStoreOptions.DEFAULT).close();
        assertThat(Metadata.read(dir)).isEqualTo(new Metadata(2, Metadata.RELEASE, m.serverId(), m.createdAt()));
    }

    @Test
    void olderSupported_isReportedWithItsStepsByCheckAlone() {
        Path dir = V1Fixture.copyTo(tmp);
        Map<String, String> before = V1Fixture.checksums(dir);
        StartupDecision d = StartupDecision.inspect(dir);
        assertThat(d.kind()).isEqualTo(StartupDecision.Kind.MIGRATE);
        assertThat(d.message()).isEqualTo(dir + " is in data format 1, last written by ReqlDB 0.1.0-SNAPSHOT; ReqlDB "
                + Metadata.RELEASE + " migrates it to format 2 on start (or with `reqldb migrate --directory " + dir
                + "`). It first saves a checkpoint of the directory in " + dir.resolve("pre-migration-v1-<time>")
                + ", then runs:" + STEPS);
        assertThat(V1Fixture.checksums(dir)).isEqualTo(before);
    }

    @Test
    void olderUnsupported_isRefusedUntouched() {
        Path dir = V1Fixture.copyTo(tmp);
        Metadata m = Metadata.read(dir);
        new Metadata(0, "0.0.9", m.serverId(), m.createdAt()).write(dir);
        Map<String, String> before = V1Fixture.checksums(dir);
        String expected = dir + " is in data format 0, last written by ReqlDB 0.0.9; this release (ReqlDB "
                + Metadata.RELEASE + ") migrates data formats 1 to 2 only. Migrate it with ReqlDB 0.0.9 first"
                + " (`reqldb migrate --directory " + dir + "`), then start this release on it; or, with ReqlDB 0.0.9,"
                + " `reqldb dump` it and `reqldb restore` the dump into this release. Nothing was changed.";
        assertThat(StartupDecision.inspect(dir).message()).isEqualTo(expected);
        assertThatThrownBy(() -> RocksStore.open(dir, RocksStoreOptions.DEFAULT))
                .isInstanceOf(StorageException.class).hasMessage(expected)
                .matches(e -> ((StorageException) e).code() == StorageException.Code.UNSUPPORTED_FORMAT);
        assertThat(V1Fixture.checksums(dir)).isEqualTo(before);
    }

    @Test
    void newer_isRefusedUntouched() {
        Path dir = tmp.resolve("d");
        RocksStore.open(dir, RocksStoreOptions.DEFAULT).close();
        Metadata m = Metadata.read(dir);
        new Metadata(3, "0.3.0", m.serverId(), m.createdAt()).write(dir);
        Map<String, String> before = V1Fixture.checksums(dir);
        String expected = dir + " is in data format 3, last written by ReqlDB 0.3.0; this release (ReqlDB "
                + Metadata.RELEASE + ") reads data formats up to 2. Downgrading a data directory is not supported:"
                + " run ReqlDB 0.3.0 or later on it, or start this release on a new directory and `reqldb restore`"
                + " into it a dump made before the upgrade. Nothing was changed.";
        assertThat(StartupDecision.inspect(dir).kind()).isEqualTo(StartupDecision.Kind.REFUSE_NEW);
        assertThatThrownBy(() -> RocksStore.open(dir, RocksStoreOptions.DEFAULT)).hasMessage(expected);
        assertThat(V1Fixture.checksums(dir)).isEqualTo(before);
    }

    @Test
    void rethinkDbDirectory_isRefusedUntouchedWithTheDumpRestorePath() throws Exception {
        Path dir = tmp.resolve("rethinkdb_data");
        Files.createDirectories(dir);
        byte[] header = new byte[4096];
        System.arraycopy("RethinkDB".getBytes(), 0, header, 0, 9);
        System.arraycopy("2.2".getBytes(), 0, header, 16, 3);
        Files.write(dir.resolve("metadata"), header);
        Files.write(dir.resolve("3c5a7c5e-0e6b-4b5b-8a4e-2c1f0f6e9d11"), header);
        Files.writeString(dir.resolve("log_file"), "2026-11-25T20:00:00.000000000 0.0s notice: Running rethinkdb 2.4.4\n");
        Map<String, String> before = V1Fixture.checksums(dir);
        String expected = dir + " is a RethinkDB data directory (its file metadata starts with RethinkDB's header),"
                + " not a ReqlDB one. ReqlDB serves only its own format. To bring the data over, no RethinkDB needed:"
                + " `reqldb migrate --from-rethinkdb " + dir + " --directory NEW_DIR`, then"
                + " `reqldb serve --directory NEW_DIR` (or archive it with `reqldb dump --data-dir " + dir + "`)."
                + " Nothing was changed.";
        assertThat(StartupDecision.inspect(dir).kind()).isEqualTo(StartupDecision.Kind.REFUSE_RETHINKDB);
        assertThatThrownBy(() -> RocksStore.open(dir, RocksStoreOptions.DEFAULT)).hasMessage(expected);
        assertThat(V1Fixture.checksums(dir)).isEqualTo(before);
        // Its parent, holding rethinkdb_data/, is recognised too.
        assertThat(StartupDecision.inspect(tmp).kind()).isEqualTo(StartupDecision.Kind.REFUSE_RETHINKDB);
        assertThat(V1Fixture.checksums(dir)).isEqualTo(before);
    }

    // ----- the v1 fixture, migrated

    @Test
    void v1Fixture_opensMigratedWithACheckpointOfTheOriginal() throws Exception {
        Path dir = V1Fixture.copyTo(tmp);
        Metadata original = Metadata.read(dir);
        try (RocksStore store = RocksStore.open(dir, RocksStoreOptions.DEFAULT, V1Fixture.CLASSIFIER)) {
            store.setIndexFunctionCompiler(V1Fixture.COMPILER);
            assertThat(store.metadata().formatVersion()).isEqualTo(2);
            assertThat(store.metadata().serverId()).isEqualTo(original.serverId());
            assertThat(store.metadata().reqldbVersion()).isEqualTo(Metadata.RELEASE);
            Table people = store.table("test", "people");
            assertThat(people.count()).isEqualTo(5);
            assertThat(people.get(Docs.num(1))).isEqualTo(Docs.json(
                    "{'id':1,'name':'Ada','age':36,'tags':['math','code'],'joined':"
                            + "{'$reql_type$':'TIME','epoch_time':1700000000,'timezone':'+02:00'}}"));
            assertThat(((TimeDatum) ((io.reqldb.datum.ObjectDatum) people.get(Docs.num(1))).get("joined")).timezone())
                    .isEqualTo("+02:00");
            assertThat(store.table("test", "orders").get(Docs.str("A2"))).isEqualTo(
                    Docs.json("{'code':'A2','customer':2,'total':99,'day':3}"));
            // Field lookups converted (not outdated); every other index outdated but serving reads.
            assertThat(outdated(people)).containsExactly("name_lower", "tags");
            assertThat(outdated(store.table("test", "orders"))).containsExactly("customer_day", "double_total");
            assertThat(indexValues(people, "joined")).containsExactly(
                    "{\"$reql_type$\":\"TIME\",\"epoch_time\":1600000000.5,\"timezone\":\"-05:00\"}",
                    "{\"$reql_type$\":\"TIME\",\"epoch_time\":1650000000,\"timezone\":\"+00:00\"}",
                    "{\"$reql_type$\":\"TIME\",\"epoch_time\":1700000000,\"timezone\":\"+02:00\"}");
            assertThat(Docs.field(Docs.drain(people.indexScan("name_lower", KeyRange.ALL, false)), "name"))
                    .containsExactly(Docs.str("Ada"), Docs.str("Barbara"), Docs.str("Edsger"), Docs.str("Grace"),
                            Docs.str("Linus"));
            assertThat(Docs.drain(people.indexScan("age", new KeyRange(Docs.num(30), true, Docs.num(80), true),
                    false))).hasSize(2);
            // Writes keep every index up to date, each under its own rule.
            people.modify(Docs.num(6), old -> Docs.json("{'id':6,'name':'Zed','age':50,'joined':"
                    + "{'$reql_type$':'TIME','epoch_time':1,'timezone':'+05:00'}}"),
                    io.reqldb.storage.Durability.HARD);
            assertThat(indexValues(people, "joined")).contains(
                    "{\"$reql_type$\":\"TIME\",\"epoch_time\":1,\"timezone\":\"+05:00\"}");
            assertThat(Docs.drain(people.indexScan("name_lower", KeyRange.exactly(Docs.str("zed")), false))).hasSize(1);
        }
        // The checkpoint is the original, format 1, and opens (migrating its own copy) on its own.
        List<Path> checkpoints = checkpoints(dir);
        assertThat(checkpoints).hasSize(1);
        assertThat(checkpoints.get(0).getFileName().toString()).matches("pre-migration-v1-\\d{8}T\\d{6}Z");
        assertThat(Metadata.read(checkpoints.get(0))).isEqualTo(original);
        Path restored = tmp.resolve("restored");
        V1Fixture.copyTree(checkpoints.get(0), restored);
        assertThat(StartupDecision.inspect(restored).kind()).isEqualTo(StartupDecision.Kind.MIGRATE);
        try (RocksStore again = RocksStore.open(restored, RocksStoreOptions.DEFAULT)) {
            assertThat(again.table("test", "people").count()).isEqualTo(5);
            // Without a classifier nothing is converted: every index stays outdated.
            assertThat(outdated(again.table("test", "people"))).containsExactly("age", "joined", "name_lower", "tags");
        }
        // Opening a migrated directory again is a plain open.
        assertThat(StartupDecision.inspect(dir).kind()).isEqualTo(StartupDecision.Kind.OPEN);
        try (RocksStore store = RocksStore.open(dir, RocksStoreOptions.DEFAULT)) {
            assertThat(store.table("test", "people").count()).isEqualTo(6);
        }
        assertThat(checkpoints(dir)).hasSize(1);
    }

    @Test
    void outdatedIndex_clearsWhenRebuiltWhileReadsGoOn() throws Exception {
        Path dir = V1Fixture.copyTo(tmp);
        try (RocksStore store = RocksStore.open(dir, RocksStoreOptions.DEFAULT, V1Fixture.CLASSIFIER)) {
            store.setIndexFunctionCompiler(V1Fixture.COMPILER);
            Table people = store.table("test", "people");
            IndexStatus old = people.indexes().stream().filter(s -> s.definition().name().equals("name_lower"))
                    .findFirst().orElseThrow();
            assertThat(old.outdated()).isTrue();
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
            Thread reader = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        assertThat(Docs.drain(people.indexScan("name_lower", KeyRange.ALL, false))).hasSize(5);
                        reads.incrementAndGet();
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            reader.start();
            // What `reqldb index-rebuild` does: a temporary index from the same function, then rename over.
            String temp = "$reql_temp_index$_name_lower";
            io.reqldb.storage.IndexDefinition d = old.definition();
            people.createIndex(new io.reqldb.storage.IndexDefinition(temp, d.function(), d.multi(), d.geo(),
                    io.reqldb.storage.IndexDefinition.CURRENT_FORMAT_VERSION), V1Fixture.COMPILER.compile(
                    new io.reqldb.storage.IndexDefinition(temp, d.function(), false, false, 2)));
            RocksIndexTest.awaitReady(people, temp);
            people.renameIndex(temp, "name_lower", true);
            int seen = reads.get();
            while (reads.get() < seen + 3 && failure.get() == null) {
                Thread.sleep(5);
            }
            stop.set(true);
            reader.join();
            assertThat(failure.get()).isNull();
            assertThat(outdated(people)).containsExactly("tags");
        }
    }

    // ----- crashes

    @Test
    void killDuringAMigrationStep_thenTheNextStartMigratesCleanly() throws Exception {
        Path reference = V1Fixture.copyTo(tmp.resolve("reference"));
        Map<String, List<String>> expected;
        try (RocksStore store = RocksStore.open(reference, RocksStoreOptions.DEFAULT, V1Fixture.CLASSIFIER)) {
            expected = V1Fixture.contents(store);
        }
        // With chunks of one: commit 1 records the start, 2-9 the documents, 10 the next step, 11 `age`,
        // 12-14 the `joined` entries with times, 15 `joined` itself, 16 the end of the last step.
        for (int haltAfter : new int[] {1, 3, 9, 10, 11, 13, 15, 16}) {
            Path dir = V1Fixture.copyTo(tmp.resolve("crash" + haltAfter));
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"),
                    "-Dreqldb.test.migration.chunkSize=1", "-Dreqldb.test.migration.haltAfterCommits=" + haltAfter,
                    MigrateMain.class.getName(), dir.toString()).redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("child" + haltAfter + ".log").toFile()).start();
            assertThat(p.waitFor()).as("child exit code").isEqualTo(137);
            assertThat(Metadata.read(dir).formatVersion()).as("format after the kill").isEqualTo(1);
            assertThat(StartupDecision.inspect(dir).kind()).isEqualTo(StartupDecision.Kind.MIGRATE);
            try (RocksStore store = RocksStore.open(dir, RocksStoreOptions.DEFAULT, V1Fixture.CLASSIFIER)) {
                assertThat(store.metadata().formatVersion()).isEqualTo(2);
                assertThat(V1Fixture.contents(store)).as("after a kill at commit " + haltAfter).isEqualTo(expected);
            }
            assertThat(checkpoints(dir)).as("one checkpoint, of the original").hasSize(1);
            assertThat(Metadata.read(checkpoints(dir).get(0)).formatVersion()).isEqualTo(1);
        }
    }

    @Test
    void sigkillDuringTheDocumentStep_thenTheNextStartMigratesCleanly() throws Exception {
        Path reference = V1Fixture.copyTo(tmp.resolve("reference"));
        Map<String, List<String>> expected;
        try (RocksStore store = RocksStore.open(reference, RocksStoreOptions.DEFAULT, V1Fixture.CLASSIFIER)) {
            expected = V1Fixture.contents(store);
        }
        Path dir = V1Fixture.copyTo(tmp.resolve("killed"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dreqldb.test.migration.chunkSize=1", "-Dreqldb.test.migration.pauseAfterCommits=5",
                MigrateMain.class.getName(), dir.toString()).redirectErrorStream(true).start();
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()))) {
            String line;
            while ((line = lines.readLine()) != null && !line.contains("migration paused")) {
                // the child's log, up to the pause
            }
            assertThat(line).as("the child reached the pause").isNotNull();
            p.destroyForcibly(); // SIGKILL
            assertThat(p.waitFor()).isEqualTo(137);
        }
        assertThat(Metadata.read(dir).formatVersion()).isEqualTo(1);
        try (RocksStore store = RocksStore.open(dir, RocksStoreOptions.DEFAULT, V1Fixture.CLASSIFIER)) {
            assertThat(V1Fixture.contents(store)).isEqualTo(expected);
        }
    }

    /** Child process of the crash test: opens (so migrates) the directory with the fixture's classifier. */
    static final class MigrateMain {
        public static void main(String[] args) {
            RocksStore.open(Path.of(args[0]), RocksStoreOptions.DEFAULT, V1Fixture.CLASSIFIER).close();
        }
    }

    // ----- helpers

    private static List<String> outdated(Table t) {
        return t.indexes().stream().filter(IndexStatus::outdated).map(s -> s.definition().name()).sorted().toList();
    }

    private static List<String> indexValues(Table t, String index) {
        List<String> out = new java.util.ArrayList<>();
        try (var c = t.indexScan(index, KeyRange.ALL, false)) {
            for (Datum d = c.next(); d != null; d = c.next()) {
                out.add(V1Fixture.show(c.currentIndexValue()));
            }
        }
        return out;
    }

    private static List<Path> checkpoints(Path dir) throws java.io.IOException {
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("pre-migration-")).sorted()
                    .collect(Collectors.toList());
        }
    }
}
