package io.reqldb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.rethinkdb.RethinkDB;
import com.rethinkdb.net.Connection;
import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code reqldb serve} process, as an operator sees it: its log file has RethinkDB's lines
 * (time to the nanosecond, uptime, level, message) from "Running ..." to "Storage engine shut
 * down.", standard output has RethinkDB's console form of the same notices, {@code rethinkdb.logs}
 * holds the file's lines, and {@code rethinkdb.server_status} tells the truth about the process.
 */
class ServeLogAndStatusTest {
    private static final RethinkDB r = RethinkDB.r;
    private static final String FILE_LINE =
            "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9} \\d+\\.\\d{6}s (info|notice|warn|error): .*";

    @TempDir
    Path tmp;

    @Test
    @SuppressWarnings("unchecked")
    void logFileConsoleLogsTableAndServerStatus() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path data = tmp.resolve("data");
        List<String> args = List.of("serve", "--directory", data.toString(), "--driver-port", Integer.toString(port),
                "--server-name", "log_check", "--cores", "2", "--canonical-address", "db.example.com",
                "--cluster-port", "29999", "--http-port", "0");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ReqlDbCommand.class.getName()));
        command.addAll(args);
        Path out = tmp.resolve("stdout");
        Path err = tmp.resolve("stderr");
        Process server = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            waitForPort(server, port, err);
            try (Connection c = r.connection().hostname("127.0.0.1").port(port).connect()) {
                List<Map<String, Object>> logs = r.db("rethinkdb").table("logs").orderBy("id").coerceTo("array")
                        .run(c, List.class).single();
                List<String> messages = logs.stream().map(row -> (String) row.get("message")).toList();
                assertThat(messages.get(0)).isEqualTo("Running rethinkdb 2.4.4 (ReqlDB 0.1.0)...");
                assertThat(messages).contains("Initializing directory " + data.toAbsolutePath(),
                        "Server ready, \"log_check\" " + c.server().getId());
                Map<String, Object> first = logs.get(0);
                assertThat((List<Object>) first.get("id")).hasSize(2).last().isEqualTo(c.server().getId());
                assertThat(first).containsEntry("level", "notice").containsEntry("server", "log_check")
                        .containsKeys("timestamp", "uptime");

                Map<String, Object> status = r.db("rethinkdb").table("server_status").nth(0).run(c, Map.class).single();
                assertThat(status).containsEntry("id", c.server().getId()).containsEntry("name", "log_check");
                Map<String, Object> process = (Map<String, Object>) status.get("process");
                // The process the user started (serve runs the server in a child JVM sized for --cache-size).
                assertThat(process.get("pid")).isEqualTo(server.pid());
                List<String> argv = (List<String>) process.get("argv");
                assertThat(argv.subList(1, argv.size())).isEqualTo(args);
                OffsetDateTime started = (OffsetDateTime) process.get("time_started");
                assertThat(started.toInstant().toEpochMilli())
                        .isEqualTo(server.info().startInstant().orElseThrow().toEpochMilli());
                Map<String, Object> network = (Map<String, Object>) status.get("network");
                assertThat((Long) network.get("http_admin_port")).isPositive();
                assertThat(network).containsEntry("reql_port", (long) port).containsEntry("cluster_port", 29999L)
                        .containsEntry("canonical_addresses", List.of(Map.of("host", "db.example.com", "port", 29999L)));
            }
        } finally {
            server.destroy();
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        List<String> file = Files.readAllLines(data.resolve("log_file"), StandardCharsets.US_ASCII);
        assertThat(file).allSatisfy(line -> assertThat(line).matches(FILE_LINE));
        assertThat(file.get(0)).endsWith(" notice: Running rethinkdb 2.4.4 (ReqlDB 0.1.0)...");
        assertThat(file).anySatisfy(line -> assertThat(line).contains(" notice: Ignoring --cores: "));
        assertThat(file.get(file.size() - 1)).endsWith(" notice: Storage engine shut down.");
        String console = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(console).startsWith("Running rethinkdb 2.4.4 (ReqlDB 0.1.0)...\n")
                .contains("\nListening for client driver connections on port " + port + "\n")
                .contains("\nServer ready, \"log_check\" ")
                .endsWith("\nStorage engine shut down.\n");
        assertThat(Files.readString(err, StandardCharsets.UTF_8)).isEmpty();
    }

    private static void waitForPort(Process server, int port, Path err) throws Exception {
        for (int i = 0; i < 1200; i++) {
            assertThat(server.isAlive()).as("server running: %s", Files.readString(err)).isTrue();
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (java.io.IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("server not listening after 120 s");
    }
}
