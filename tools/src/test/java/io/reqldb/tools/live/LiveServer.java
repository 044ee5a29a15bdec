package io.reqldb.tools.live;

import static com.rethinkdb.RethinkDB.r;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.rethinkdb.net.Connection;
import com.rethinkdb.gen.exc.ReqlError;
import io.reqldb.tools.ToolException;
import io.reqldb.tools.conn.Endpoint;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server the live tests run against, shared by all of them in one JVM:
 * <ul>
 * <li>{@code REQLDB_TEST_SERVER=host:port} names a running server (ReqlDB or a real RethinkDB 2.4);
 * <li>otherwise {@code reqldb serve} (the built jar, or bin/reqldb which builds it) is started on
 *     a free port with a fresh data directory, and stopped at JVM exit.
 * </ul>
 * When neither gives a server that answers the system-table query every tool starts with, or
 * the server fails one of the {@link Readiness} checks, the live tests are skipped with the
 * reason (printed once on stderr).
 */
final class LiveServer {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static Endpoint endpoint;
    private static String unavailable;
    private static Endpoint second;

    private LiveServer() {}

    /** The endpoint; skips the calling test when there is no usable server. */
    static synchronized Endpoint endpoint() {
        if (endpoint == null && unavailable == null) {
            try {
                Endpoint found = locate();
                List<String> missing = Readiness.missing(found);
                if (missing.isEmpty()) {
                    endpoint = found;
                } else {
                    unavailable = "the server lacks what the tools need:\n  " + String.join("\n  ", missing);
                    System.err.println("Live tool tests skipped: " + unavailable);
                }
            } catch (Exception e) {
                unavailable = e.getMessage();
            }
        }
        assumeTrue(endpoint != null, () -> "no live server: " + unavailable);
        return endpoint;
    }

    /**
     * A second server, always a fresh {@code reqldb serve} of its own (for the tools that copy or
     * compare between two servers); skips the calling test when there is none.
     */
    static synchronized Endpoint second() {
        endpoint();
        if (second == null) {
            try {
                second = start();
            } catch (Exception e) {
                assumeTrue(false, () -> "no second live server: " + e.getMessage());
            }
        }
        return second;
    }

    private static Endpoint locate() throws Exception {
        String given = System.getenv("REQLDB_TEST_SERVER");
        if (given != null && !given.isBlank()) {
            String[] hostPort = given.strip().split(":");
            Endpoint e = new Endpoint(hostPort[0], Integer.parseInt(hostPort[1]), "admin", "", null);
            probe(e);
            return e;
        }
        return start();
    }

    /** Starts {@code reqldb serve} on a free port with a fresh data directory, stopped at JVM exit. */
    private static Endpoint start() throws Exception {
        List<String> command = serverCommand();
        int port = freePort();
        Path data = Files.createTempDirectory("reqldb-tools-live");
        Path log = data.resolveSibling(data.getFileName() + ".log");
        command.addAll(List.of("serve", "--directory", data.resolve("db").toString(), "--driver-port", String.valueOf(port)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            process.destroy();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            process.destroyForcibly();
        }));
        Endpoint e = new Endpoint("127.0.0.1", port, "admin", "", null);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                probe(e);
                return e;
            } catch (ToolException notListeningYet) {
                last = notListeningYet;
                Thread.sleep(500);
            } catch (ReqlError answeredButCannot) {
                // It is up but lacks what the tools need (an unfinished server): skip, don't wait.
                process.destroyForcibly();
                throw new IllegalStateException("bin/reqldb serve cannot run the tools' first query: "
                        + answeredButCannot.getMessage());
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("bin/reqldb serve did not become usable (see " + log + "): "
                + (last == null ? "process exited" : last.getMessage()));
    }

    /**
     * The built jar when there is one (CI builds it before testing), else bin/reqldb, which
     * builds it first.
     */
    private static List<String> serverCommand() {
        Path root = repoRoot();
        Path jar = root.resolve("cli/target/reqldb.jar");
        if (Files.isRegularFile(jar)) {
            return new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                    jar.toString()));
        }
        Path script = root.resolve("bin/reqldb");
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("bin/reqldb not found and REQLDB_TEST_SERVER not set");
        }
        return new ArrayList<>(List.of(script.toString()));
    }

    /** The first query of every tool: the version in {@code rethinkdb.server_status}. */
    private static void probe(Endpoint e) {
        try (Connection conn = e.connect()) {
            r.db("rethinkdb").table("server_status").bracket(0).bracket("process").bracket("version").run(conn).single();
        }
    }

    static Path repoRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("bin/reqldb")) && Files.exists(dir.resolve("tools/pom.xml"))) {
                return dir;
            }
        }
        return Path.of("").toAbsolutePath();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
