package io.reqldb.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.reqldb.tools.Fixtures;
import io.reqldb.tools.archive.ArchiveReader;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dump --data-dir} on damaged and in-use folders: what it saves, what it says, its exit code. */
class OfflineDumpCommandTest {
    @TempDir
    Path tmp;

    private Path unpack() throws Exception {
        Process tar = new ProcessBuilder("tar", "xzf",
                Fixtures.rethinkdb244().resolve("datadir/rethinkdb_data.tar.gz").toString(), "-C", tmp.toString())
                .inheritIO().start();
        assertThat(tar.waitFor()).isZero();
        return tmp.resolve("rethinkdb_data");
    }

    /** The file of the table whose file is the largest (app.users or sharded.s: any will do). */
    private static Path aTableFile(Path folder) throws Exception {
        try (var files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().length() == 36)
                    .max((a, b) -> Long.compare(a.toFile().length(), b.toFile().length())).orElseThrow();
        }
    }

    @Test
    void truncatedTable_stopsTheDump_namingTableFileAndOffset() throws Exception {
        Path folder = unpack();
        Path damaged = aTableFile(folder);
        try (RandomAccessFile raf = new RandomAccessFile(damaged.toFile(), "rw")) {
            raf.setLength(raf.length() / 3);
        }
        Path archive = tmp.resolve("out.tar.gz");
        Run run = Run.of("dump", "--data-dir", folder.toString(), "-f", archive.toString(), "-q");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("table ").contains(damaged.toString()).contains("offset ").contains("truncated")
                .contains("--continue-on-error");
        assertThat(archive).doesNotExist();
    }

    @Test
    void continueOnError_savesTheOtherTables_listsTheDamagedOne_exitsOne() throws Exception {
        Path folder = unpack();
        Path damaged = aTableFile(folder);
        try (RandomAccessFile raf = new RandomAccessFile(damaged.toFile(), "rw")) {
            raf.setLength(raf.length() / 3);
        }
        Path archive = tmp.resolve("out.tar.gz");
        Run run = Run.of("dump", "--data-dir", folder.toString(), "-f", archive.toString(), "-q",
                "--continue-on-error");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("1 table(s) could not be read").contains(damaged.toString());
        List<String> members = new ArrayList<>();
        try (ArchiveReader reader = ArchiveReader.open(archive)) {
            for (ArchiveReader.Member m = reader.next(); m != null; m = reader.next()) {
                members.add(m.path().qualifiedTable() + "." + m.path().extension());
            }
        }
        assertThat(members.stream().filter(m -> m.endsWith(".info"))).hasSize(6);
    }

    @Test
    void folderHeldByRunningRethinkDb_isRefused_pointingAtDumpThroughTheServer() throws Exception {
        Path folder = unpack();
        Process holder = new ProcessBuilder("flock", "-x", "-o", folder.toString(), "sleep", "60").start();
        try {
            Thread.sleep(500);
            Run run = Run.of("dump", "--data-dir", folder.toString(), "-f", tmp.resolve("a.tar.gz").toString(), "-q");
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("in use by a running RethinkDB").contains("reqldb dump -c");
            Run forced = Run.of("dump", "--data-dir", folder.toString(), "-f", tmp.resolve("b.tar.gz").toString(), "-q",
                    "--force");
            assertThat(forced.exitCode()).as(forced.err()).isZero();
        } finally {
            holder.destroyForcibly();
            holder.waitFor();
        }
    }

    @Test
    void unknownTableSelector_isAnError() throws Exception {
        Path folder = unpack();
        Run run = Run.of("dump", "--data-dir", folder.toString(), "-f", tmp.resolve("a.tar.gz").toString(), "-q",
                "-e", "app.nope");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("Table app.nope does not exist.");
    }
}
