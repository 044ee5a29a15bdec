package io.reqldb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.reqldb.storage.rocksdb.Metadata;
import io.reqldb.storage.rocksdb.RocksStore;
import io.reqldb.storage.rocksdb.RocksStoreOptions;
import io.reqldb.storage.rocksdb.StartupDecision;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code reqldb migrate [--check]} and {@code serve}'s refusals, on storage's v1 fixture. */
class MigrateCommandTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int migrate(String... args) {
        MigrateCommand cmd = new MigrateCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CommandLine(cmd).execute(args);
    }

    @Test
    void check_reportsTheMigrationAndChangesNothing() throws Exception {
        Path dir = fixture();
        Map<String, String> before = checksums(dir);
        assertThat(migrate("--check", "--directory", dir.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo(StartupDecision.inspect(dir).message() + System.lineSeparator())
                .startsWith(dir + " is in data format 1, last written by ReqlDB 0.1.0-SNAPSHOT; ReqlDB ");
        assertThat(checksums(dir)).isEqualTo(before);
    }

    @Test
    void migrate_migratesOfflineAndNamesTheOutdatedIndexes() throws Exception {
        Path dir = fixture();
        assertThat(migrate("--directory", dir.toString())).isZero();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains(dir + " is now in data format 2.")
                .contains("For table `people.test`: `name_lower`, `tags`")
                .contains("Rebuild them with `reqldb index-rebuild` while the server runs.");
        assertThat(Metadata.read(dir).formatVersion()).isEqualTo(2);
        out.reset();
        assertThat(migrate("--check", "--directory", dir.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(dir + " is in data format 2, the format of ReqlDB "
                + Metadata.RELEASE + ": nothing to migrate." + System.lineSeparator());
    }

    @Test
    void newerFormat_isRefusedByCheckMigrateAndServeWithNothingChanged() throws Exception {
        Path dir = tmp.resolve("d");
        RocksStore.open(dir, RocksStoreOptions.DEFAULT).close();
        Metadata m = Metadata.read(dir);
        new Metadata(3, "0.3.0", m.serverId(), m.createdAt()).write(dir);
        Map<String, String> before = checksums(dir);
        String message = StartupDecision.inspect(dir).message();
        assertThat(message).contains("Downgrading a data directory is not supported");
        assertThat(migrate("--check", "--directory", dir.toString())).isEqualTo(1);
        assertThat(migrate("--directory", dir.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(message + System.lineSeparator()
                + message + System.lineSeparator());
        assertThat(ReqlDbCommand.run("serve", "--directory", dir.toString(), "--driver-port", "0")).isEqualTo(1);
        assertThat(checksums(dir)).isEqualTo(before);
    }

    @Test
    void emptyDirectory_hasNothingToMigrateAndIsNotCreated() {
        Path dir = tmp.resolve("none");
        assertThat(migrate("--directory", dir.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(dir + " holds no data: nothing to migrate."
                + System.lineSeparator());
        assertThat(Files.exists(dir)).isFalse();
    }

    private Path fixture() throws IOException {
        Path src = Path.of("..", "storage", "src", "test", "resources", "fixtures", "v1", "reqldb_data");
        Path dir = tmp.resolve("reqldb_data");
        try (Stream<Path> all = Files.walk(src)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = dir.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return dir;
    }

    private static Map<String, String> checksums(Path dir) throws Exception {
        Map<String, String> sums = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                sums.put(dir.relativize(p).toString(), Files.isDirectory(p) ? "dir"
                        : HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        }
        return sums;
    }
}
