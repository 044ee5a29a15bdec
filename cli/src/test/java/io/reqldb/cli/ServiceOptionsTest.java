package io.reqldb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.rethinkdb.RethinkDB;
import com.rethinkdb.net.Connection;
import io.reqldb.cli.ReqldbProcess.Outcome;
import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --daemon}, {@code --pid-file} and {@code --runuser}, as real processes: the command
 * returns once the server serves, the pid file names the serving process, a second start on the
 * same pid file is refused, and SIGTERM stops the server and removes its pid file; the launcher
 * scripts' way, the command asked for and exec'd, runs the sized server as the process started.
 */
class ServiceOptionsTest {
    @TempDir
    Path tmp;

    private Outcome reqldb(String... args) throws Exception {
        return ReqldbProcess.run(tmp, 180, args);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static ProcessHandle stop(Path pidFile) throws Exception {
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        ProcessHandle server = ProcessHandle.of(pid).orElseThrow();
        server.destroy();
        server.onExit().get(60, TimeUnit.SECONDS);
        return server;
    }

    @Test
    void daemon_returnsOnceServing_andThePidFileNamesTheServer() throws Exception {
        Path pidFile = tmp.resolve("reqldb.pid");
        Path data = tmp.resolve("data");
        int port = freePort();
        Outcome started = reqldb("serve", "--daemon", "--pid-file", pidFile.toString(), "--directory", data.toString(),
                "--driver-port", Integer.toString(port), "--log-file", tmp.resolve("log").toString());
        assertThat(started.exitCode()).as(started.err()).isZero();
        assertThat(pidFile).exists();
        try {
            try (Connection c = RethinkDB.r.connection().hostname("127.0.0.1").port(port).connect()) {
                assertThat((Object) RethinkDB.r.expr(2).run(c, Long.class).single()).isEqualTo(2L);
            }
            Outcome second = reqldb("serve", "--pid-file", pidFile.toString(), "--directory", tmp.resolve("other").toString(),
                    "--driver-port", "0");
            assertThat(second.exitCode()).isEqualTo(1);
            assertThat(second.err()).contains("The pid file " + pidFile + " names process ")
                    .contains("which is running: stop that server first, or give another --pid-file.");
            assertThat(tmp.resolve("other")).doesNotExist();
        } finally {
            stop(pidFile);
        }
        assertThat(pidFile).doesNotExist();
        assertThat(Files.readString(tmp.resolve("log"))).contains("Server ready");
    }

    @Test
    void daemon_failedStart_isReportedByTheCommand() throws Exception {
        Path file = Files.writeString(tmp.resolve("afile"), "x");
        Outcome run = reqldb("serve", "--daemon", "--directory", file.toString(), "--driver-port", "0");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("Cannot use " + file + " as the data directory");
    }

    @Test
    void launcherScript_execsTheSizedServer_soNoLauncherJvmWaitsBesideIt() throws Exception {
        Path execFile = tmp.resolve("server-command");
        int port = freePort();
        // What bin/reqldb and the release's launcher do: ask for the command, then exec it.
        Outcome asked = ReqldbProcess.run(tmp, 180, Map.of("REQLDB_SERVE_EXEC", execFile.toString()), "serve",
                "--directory", tmp.resolve("it's data").toString(), "--driver-port", Integer.toString(port),
                "--no-http-admin");
        assertThat(asked.exitCode()).as(asked.err()).isZero();
        Process server = new ProcessBuilder("sh", "-c", "eval \"$(cat \"$1\")\"", "sh", execFile.toString())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long reported = -1;
            for (int i = 0; i < 900 && reported < 0; i++) {
                try (Connection c = RethinkDB.r.connection().hostname("127.0.0.1").port(port).connect()) {
                    Map<?, ?> status = (Map<?, ?>) RethinkDB.r.db("rethinkdb").table("server_status").nth(0).run(c).single();
                    reported = ((Number) ((Map<?, ?>) status.get("process")).get("pid")).longValue();
                } catch (RuntimeException notYet) {
                    assertThat(server.isAlive()).as("server running").isTrue();
                    Thread.sleep(200);
                }
            }
            assertThat(reported).isEqualTo(server.pid());
            List<String> arguments = List.of(Files.readString(Path.of("/proc", Long.toString(server.pid()), "cmdline"))
                    .split("\0"));
            assertThat(arguments).contains("serve", tmp.resolve("it's data").toString()).anyMatch(a -> a.startsWith("-Xmx"));
        } finally {
            server.destroy();
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void runuser_unknownUser_isRefused() throws Exception {
        Outcome run = reqldb("serve", "--runuser", "no_such_user_here", "--directory", tmp.resolve("d").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("User 'no_such_user_here' not found. Give --runuser an existing user."
                + System.lineSeparator());
        assertThat(tmp.resolve("d")).doesNotExist();
    }

    @Test
    void runuser_runsTheServerAsThatUser() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "only root can change its user");
        // The test's class path is in the build's Maven repository, often in root's private home;
        // bin/release-check runs the same from the release archive, which any user can read.
        Assumptions.assumeTrue(Files.getPosixFilePermissions(Path.of(System.getProperty("user.home")))
                .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE), "class path readable by nobody");
        Path shared = Files.createDirectory(tmp.resolve("shared"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path pidFile = shared.resolve("reqldb.pid");
        Outcome started = reqldb("serve", "--daemon", "--runuser", "nobody", "--pid-file", pidFile.toString(),
                "--directory", shared.resolve("data").toString(), "--driver-port", Integer.toString(freePort()),
                "--log-file", shared.resolve("log").toString());
        assertThat(started.exitCode()).as(started.err()).isZero();
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        try {
            String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
            assertThat(status.lines().filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow())
                    .matches("Uid:\\s+65534\\s+65534\\s+65534\\s+65534");
        } finally {
            stop(pidFile);
        }
    }
}
