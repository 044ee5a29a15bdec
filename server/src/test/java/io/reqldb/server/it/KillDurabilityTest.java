package io.reqldb.server.it;

import static com.rethinkdb.RethinkDB.r;
import static org.assertj.core.api.Assertions.assertThat;

import com.rethinkdb.net.Connection;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server killed with SIGKILL while clients write loses no write it acknowledged with
 * {@code durability: "hard"}.
 */
class KillDurabilityTest {
    @TempDir
    Path dataDir;

    @Test
    void acknowledgedHardWritesSurviveKillNine() throws Exception {
        ConcurrentLinkedQueue<Integer> acknowledged = new ConcurrentLinkedQueue<>();
        Process process = startServer();
        int port = readPort(process);
        try (Connection setup = connect(port)) {
            r.dbCreate("d").run(setup);
            r.db("d").tableCreate("t").run(setup);
        }
        Thread[] writers = new Thread[4];
        for (int w = 0; w < writers.length; w++) {
            int writer = w;
            writers[w] = new Thread(() -> {
                try (Connection c = connect(port)) {
                    for (int i = 0; ; i++) {
                        int id = writer * 1_000_000 + i;
                        r.db("d").table("t").insert(r.hashMap("id", id)).optArg("durability", "hard").run(c);
                        acknowledged.add(id);
                    }
                } catch (RuntimeException connectionLost) {
                    // expected once the server is killed
                }
            });
            writers[w].start();
        }
        while (acknowledged.size() < 300) {
            Thread.sleep(10);
        }
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        for (Thread t : writers) {
            t.join(30_000);
        }

        Process restarted = startServer();
        try (Connection c = connect(readPort(restarted))) {
            for (Integer id : acknowledged) {
                assertThat(r.db("d").table("t").get(id).run(c).single()).as("row %s", id).isNotNull();
            }
        } finally {
            restarted.destroyForcibly();
            restarted.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Process startServer() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                StandaloneServer.class.getName(), dataDir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static int readPort(Process p) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("PORT ")) {
                return Integer.parseInt(line.substring(5).trim());
            }
        }
        throw new IllegalStateException("server exited before listening");
    }

    private static Connection connect(int port) {
        return r.connection().hostname("127.0.0.1").port(port).connect();
    }
}
