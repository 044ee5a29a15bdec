package io.reqldb.server.it;

import static com.rethinkdb.RethinkDB.r;
import static org.assertj.core.api.Assertions.assertThat;

import com.rethinkdb.net.Connection;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server killed with SIGKILL (no shutdown code runs) leaves no JavaScript worker behind, not
 * even one busy with a script of an hour's timeout: each worker watches its server and ends
 * itself once the server is gone.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JsWorkersDieWithServerTest {
    @TempDir
    Path dataDir;

    @Test
    void workersEndWhenTheirServerIsKilled() throws Exception {
        Process server = StandaloneServer.launch(dataDir);
        try {
            int port = StandaloneServer.port(server);
            CompletableFuture.runAsync(() -> {
                try (Connection c = r.connection().hostname("127.0.0.1").port(port).connect()) {
                    r.js("while (true) {}").optArg("timeout", 3600).run(c);
                } catch (RuntimeException connectionLost) {
                    // expected once the server is killed
                }
            });
            try (Connection c = r.connection().hostname("127.0.0.1").port(port).connect()) {
                assertThat(r.js("6 * 7").run(c).single()).isEqualTo(42L);
            }
            Thread.sleep(1000);
            List<ProcessHandle> workers = awaitWorkers(server);
            server.destroyForcibly();
            server.waitFor(30, TimeUnit.SECONDS);
            for (ProcessHandle w : workers) {
                assertThat(w.onExit().get(10, TimeUnit.SECONDS).isAlive()).as("worker %d", w.pid()).isFalse();
            }
        } finally {
            server.destroyForcibly();
        }
    }

    private static List<ProcessHandle> awaitWorkers(Process server) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<ProcessHandle> workers = List.of();
        while (workers.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            workers = server.descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains("io.reqldb.jsworker.worker.WorkerMain"))
                    .toList();
        }
        assertThat(workers).isNotEmpty();
        return workers;
    }
}
