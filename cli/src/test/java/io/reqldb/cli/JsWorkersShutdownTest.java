package io.reqldb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.rethinkdb.RethinkDB;
import com.rethinkdb.net.Connection;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve}'s JavaScript workers follow its flags and end with it: stopping the server kills
 * every worker, the one running an hour-long script included.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JsWorkersShutdownTest {
    private static final RethinkDB r = RethinkDB.r;

    @TempDir
    Path tmp;

    @Test
    void stoppingTheServerLeavesNoWorker() throws Exception {
        ServeHarness h = new ServeHarness();
        ServeCommand.Running running = h.start("--directory", tmp.resolve("data").toString(), "--driver-port", "0",
                "--js-workers", "2", "--js-memory", "64");
        assertThat(running).as(h.err()).isNotNull();
        int port = running.server().port();
        List<ProcessHandle> workers;
        CompletableFuture<Object> endless;
        try (Connection c = r.connection().hostname("127.0.0.1").port(port).connect()) {
            endless = CompletableFuture.supplyAsync(() -> {
                try (Connection other = r.connection().hostname("127.0.0.1").port(port).connect()) {
                    return r.js("while (true) {}").optArg("timeout", 3600).run(other).single();
                } catch (RuntimeException e) {
                    return e;
                }
            });
            assertThat(r.js("'a' + 'b'").run(c).single()).isEqualTo("ab");
            workers = awaitBusyWorker();
        } finally {
            running.close();
        }
        for (ProcessHandle w : workers) {
            assertThat(w.onExit().get(10, TimeUnit.SECONDS).isAlive()).as("worker %d", w.pid()).isFalse();
        }
        assertThat(endless.get(30, TimeUnit.SECONDS)).isInstanceOf(RuntimeException.class);
        assertThat(workerProcesses()).isEmpty();
    }

    /** The workers, once one of them has been busy for a while (the endless script runs). */
    private static List<ProcessHandle> awaitBusyWorker() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            List<ProcessHandle> workers = workerProcesses();
            if (workers.stream().anyMatch(w -> w.info().totalCpuDuration().orElseThrow().toMillis() > 3000)) {
                return workers;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no worker ran the endless script");
    }

    private static List<ProcessHandle> workerProcesses() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains("io.reqldb.jsworker.worker.WorkerMain"))
                .toList();
    }
}
