package io.reqldb.server.it;

import static com.rethinkdb.RethinkDB.r;
import static org.assertj.core.api.Assertions.assertThat;

import com.rethinkdb.net.Connection;
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
        Process process = StandaloneServer.launch(dataDir);
        int port = StandaloneServer.port(process);
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

        Process restarted = StandaloneServer.launch(dataDir);
        try (Connection c = connect(StandaloneServer.port(restarted))) {
            for (Integer id : acknowledged) {
                assertThat(r.db("d").table("t").get(id).run(c).single()).as("row %s", id).isNotNull();
            }
        } finally {
            restarted.destroyForcibly();
            restarted.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static Connection connect(int port) {
        return r.connection().hostname("127.0.0.1").port(port).connect();
    }
}
