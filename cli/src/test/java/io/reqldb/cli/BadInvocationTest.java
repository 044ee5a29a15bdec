package io.reqldb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.reqldb.cli.ReqldbProcess.Outcome;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad invocation a user is likely to make, run as a real {@code reqldb} process: each ends
 * with one line saying what was wrong and what to do, a non-zero exit code, no stack trace, and
 * nothing left on disk by a start that failed.
 */
class BadInvocationTest {
    @TempDir
    Path tmp;

    /** Runs reqldb, checking that it printed no stack trace. */
    private Outcome reqldb(String... args) throws Exception {
        Outcome outcome = ReqldbProcess.run(tmp, 120, args);
        assertThat(outcome.err()).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
        return outcome;
    }

    @Test
    void serve_directoryNamingAFile() throws Exception {
        Path file = Files.writeString(tmp.resolve("afile"), "x");
        Outcome run = reqldb("serve", "--directory", file.toString(), "--driver-port", "0");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.lastLine()).isEqualTo("Cannot use " + file + " as the data directory: it is a file, not a "
                + "directory. Give --directory a directory (it is created when missing).");
    }

    @Test
    void serve_portInUse_leavesNoDataDirectory() throws Exception {
        Path data = tmp.resolve("new").resolve("reqldb_data");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Outcome run = reqldb("serve", "--directory", data.toString(), "--driver-port", Integer.toString(port));
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.lastLine()).isEqualTo("Could not listen for client drivers on port " + port
                    + ": Address already in use. Another process listens there: stop it, or choose another "
                    + "--driver-port (or --port-offset).");
        }
        assertThat(tmp.resolve("new")).doesNotExist();
    }

    @Test
    void serve_logFileInAMissingFolder_createsNothing() throws Exception {
        Path log = tmp.resolve("missing").resolve("log");
        Outcome run = reqldb("serve", "--directory", tmp.resolve("data").toString(), "--driver-port", "0",
                "--log-file", log.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.lastLine()).isEqualTo("Cannot write the log file " + log + ": No such file or directory. "
                + "Give --log-file a file this user can write.");
        assertThat(tmp.resolve("data")).doesNotExist();
    }

    @Test
    void serve_metricsPortInUse_leavesNoDataDirectory() throws Exception {
        Path data = tmp.resolve("new").resolve("reqldb_data");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Outcome run = reqldb("serve", "--directory", data.toString(), "--driver-port", "0",
                    "--metrics-port", Integer.toString(port));
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.lastLine()).isEqualTo("Could not listen for metrics on port " + port
                    + ": Address already in use. Another process listens there: stop it, or choose another "
                    + "--metrics-port (or --port-offset).");
        }
        assertThat(tmp.resolve("new")).doesNotExist();
    }

    @Test
    void serve_portOutOfRange() throws Exception {
        Outcome run = reqldb("serve", "--directory", tmp.resolve("data").toString(), "--driver-port", "70000");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.lastLine()).isEqualTo("--driver-port 70000 is not a port: give a number from 0 to 65535.");
        run = reqldb("serve", "--directory", tmp.resolve("data").toString(), "--driver-port", "1000",
                "--metrics-port", "9180", "--port-offset", "60000");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.lastLine()).isEqualTo("--metrics-port 9180 plus --port-offset 60000 is 69180, not a port: "
                + "give a number from 0 to 65535.");
        assertThat(tmp.resolve("data")).doesNotExist();
    }

    @Test
    void serve_unknownOption() throws Exception {
        Outcome run = reqldb("serve", "--no-such-option");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("reqldb serve: Unknown option: '--no-such-option'. See 'reqldb serve --help'."
                + System.lineSeparator());
    }

    @Test
    void serve_missingConfigFile() throws Exception {
        Outcome run = reqldb("serve", "--config-file", "/nonexistent/instance.conf");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("Trouble reading config file '/nonexistent/instance.conf': No such file or "
                + "directory. Give --config-file a readable file." + System.lineSeparator());
    }

    @Test
    void serve_join_isRefused() throws Exception {
        Outcome run = reqldb("serve", "--directory", tmp.resolve("d").toString(), "--join", "db0:29015");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.lastLine()).startsWith("ReqlDB runs as a single server and cannot join a cluster");
        assertThat(tmp.resolve("d")).doesNotExist();
    }

    @Test
    void restore_truncatedArchive() throws Exception {
        Path archive = tmp.resolve("cut.tar.gz");
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 20_000; i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"name\":\"user ").append(i).append("\"}");
        }
        byte[] rows = json.append("]").toString().getBytes(StandardCharsets.UTF_8);
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(Files.newOutputStream(archive)))) {
            TarArchiveEntry entry = new TarArchiveEntry("rethinkdb_dump_2026_01_01/app/users.json");
            entry.setSize(rows.length);
            tar.putArchiveEntry(entry);
            tar.write(rows);
            tar.closeArchiveEntry();
        }
        byte[] whole = Files.readAllBytes(archive);
        Files.write(archive, java.util.Arrays.copyOf(whole, whole.length / 2));
        Outcome run = reqldb("restore", archive.toString(), "-c", "127.0.0.1:" + closedPort());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("Error: archive " + archive + " is truncated or corrupt (")
                .doesNotContain("(null)");
        assertThat(run.lastLine()).isEqualTo("Error: import failed: the archive is damaged; nothing was restored. "
                + "Make the dump again (or copy it again in full), then restore that.");
    }

    @Test
    void dump_toAFolderThatIsAFile() throws Exception {
        Path file = Files.writeString(tmp.resolve("afile"), "x");
        Outcome run = reqldb("dump", "-c", "127.0.0.1:" + closedPort(), "-f", file.resolve("out.tar.gz").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.lastLine()).isEqualTo("reqldb dump: error: The -f/--file folder " + file + " does not exist or "
                + "is not a directory. Create it, or give -f a path in an existing folder.");
    }

    @Test
    void dump_toAnUnwritableFolder() throws Exception {
        Path folder = Files.createDirectory(tmp.resolve("readonly"));
        assertThat(folder.toFile().setWritable(false, false)).isTrue();
        try {
            Outcome run = reqldb("dump", "-c", "127.0.0.1:" + closedPort(), "-f", folder.resolve("out.tar.gz").toString());
            assertThat(run.exitCode()).isEqualTo(2);
            if (Files.isWritable(folder)) {
                // root writes anywhere: then the dump gets as far as connecting
                assertThat(run.lastLine()).contains("Unable to connect to server");
            } else {
                assertThat(run.lastLine()).isEqualTo("reqldb dump: error: The -f/--file folder " + folder
                        + " cannot be written by this user. Give -f a path in a folder you can write.");
            }
        } finally {
            folder.toFile().setWritable(true, false);
        }
    }

    @Test
    void dump_connectionRefused_saysRefused() throws Exception {
        int port = closedPort();
        Outcome run = reqldb("dump", "-c", "127.0.0.1:" + port, "-f", tmp.resolve("out.tar.gz").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.lastLine()).isEqualTo("reqldb dump: error: Unable to connect to server: Could not connect to "
                + "127.0.0.1:" + port + ": connection refused (is the server running, and listening on that address?)");
        assertThat(tmp.resolve("out.tar.gz")).doesNotExist();
    }

    /** A loopback port nothing listens on (free a moment ago). */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
