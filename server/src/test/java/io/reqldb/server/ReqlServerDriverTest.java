package io.reqldb.server;

import static com.rethinkdb.RethinkDB.r;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rethinkdb.gen.exc.ReqlAuthError;
import com.rethinkdb.gen.exc.ReqlUserError;
import com.rethinkdb.model.OptArgs;
import com.rethinkdb.model.Server;
import com.rethinkdb.net.Connection;
import com.rethinkdb.net.Result;
import io.reqldb.server.auth.InMemoryUserStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The server as an application sees it: through the official RethinkDB Java driver 2.4.4. */
class ReqlServerDriverTest {
    private static StubEngine engine;
    private static DriverTestServer server;

    @BeforeAll
    static void startServer() throws InterruptedException {
        engine = new StubEngine();
        server = new DriverTestServer(engine);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void connect_adminWithEmptyPassword_runsAnAtom() {
        try (Connection conn = server.connect()) {
            assertThat(r.expr(42).run(conn).single()).isEqualTo(42L);
            assertThat(r.expr(List.of(1, "two", true)).run(conn).single()).isEqualTo(List.of(1L, "two", true));
        }
    }

    @Test
    void connect_wrongPassword_isRefused() throws InterruptedException {
        try (DriverTestServer guarded = new DriverTestServer(new StubEngine(), InMemoryUserStore.withAdmin("secret"))) {
            assertThatThrownBy(() -> guarded.connect("admin", "wrong"))
                    .isInstanceOf(ReqlAuthError.class).hasMessageContaining("Wrong password");
            try (Connection conn = guarded.connect("admin", "secret")) {
                assertThat(r.expr("in").run(conn).single()).isEqualTo("in");
            }
        }
    }

    @Test
    void connect_unknownUser_isRefused() {
        assertThatThrownBy(() -> server.connect("nobody", ""))
                .isInstanceOf(ReqlAuthError.class).hasMessageContaining("Unknown user");
    }

    @Test
    void run_runtimeError_reachesTheDriverAsItsType() {
        try (Connection conn = server.connect()) {
            assertThatThrownBy(() -> r.error("boom").run(conn).single())
                    .isInstanceOf(ReqlUserError.class).hasMessageContaining("boom");
        }
    }

    @Test
    void runAsync_pipelinedOnOneConnection_eachGetsItsOwnAnswer() {
        try (Connection conn = server.connect()) {
            // Slow ones first: faster answers overtake them, so responses interleave by token.
            List<CompletableFuture<Result<Object>>> futures = new ArrayList<>();
            futures.add(r.js("sleep:200").runAsync(conn));
            for (int i = 0; i < 30; i++) {
                futures.add(r.expr(i).runAsync(conn));
            }
            assertThat(futures.get(0).join().single()).isEqualTo("sleep:200");
            for (int i = 0; i < 30; i++) {
                assertThat(futures.get(i + 1).join().single()).isEqualTo((long) i);
            }
        }
    }

    @Test
    void run_eightConcurrentClients_allAnswered() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Long>> sums = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                sums.add(clients.submit(() -> {
                    try (Connection conn = server.connect()) {
                        long sum = 0;
                        for (int i = 0; i < 25; i++) {
                            sum += (Long) r.expr(i).run(conn).single();
                        }
                        sum += DriverResults.take(r.range(50).run(conn, OptArgs.of("max_batch_rows", 7), Result.FetchMode.AGGRESSIVE), 50).size();
                        return sum;
                    }
                }));
            }
            for (Future<Long> sum : sums) {
                assertThat(sum.get(30, TimeUnit.SECONDS)).isEqualTo(300L + 50L);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void noreplyWait_waitsForEarlierNoreplyQueries() {
        try (Connection conn = server.connect()) {
            r.js("sleep:300").runNoReply(conn);
            conn.noreplyWait();
            assertThat(engine.slowQueriesFinished).contains("sleep:300");
            // The connection is still usable after the noreply query and the wait.
            assertThat(r.expr(1).run(conn).single()).isEqualTo(1L);
        }
    }

    @Test
    void server_reportsIdentity() {
        try (Connection conn = server.connect()) {
            Server info = conn.server();
            assertThat(info.getName()).isEqualTo("reqldb");
            assertThat(info.getId()).hasSize(36);
            assertThat(info.isProxy()).isFalse();
        }
    }

    @Test
    void cursor_overSeveralBatches_returnsEveryRowInOrder() {
        try (Connection conn = server.connect()) {
            int before = engine.batchesServed.get();
            List<Object> rows = DriverResults.take(r.range(100).run(conn, OptArgs.of("max_batch_rows", 10), Result.FetchMode.AGGRESSIVE), 100);
            assertThat(rows).isEqualTo(IntStream.range(0, 100).mapToObj(i -> (long) i).collect(Collectors.toList()));
            // A first batch of 10/4 = 2 rows, then batches of 10: many round trips.
            assertThat(engine.batchesServed.get() - before).isGreaterThanOrEqualTo(10);
        }
    }

    @Test
    void close_endlessCursor_stopsAndFreesTheStream() {
        try (Connection conn = server.connect()) {
            // A first batch of 8/4 = 2 rows: both reads below come from it.
            Result<Object> cursor = r.range().run(conn, OptArgs.of("max_batch_rows", 8));
            assertThat(cursor.next()).isEqualTo(0L);
            assertThat(cursor.next()).isEqualTo(1L);
            cursor.close();
            awaitTrue(() -> engine.openStreams.get() == 0);
            assertThat(r.expr("after stop").run(conn).single()).isEqualTo("after stop");
        }
    }

    @Test
    void close_feedBlockedInARead_interruptsAndFreesIt() throws InterruptedException {
        try (Connection conn = server.connect()) {
            Result<Object> feed = r.table("feed").run(conn);
            assertThat(feed.isFeed()).isTrue();
            // Let the driver's CONTINUE reach the server and block in the read.
            awaitTrue(() -> engine.openStreams.get() == 1);
            Thread.sleep(100);
            feed.close();
            awaitTrue(() -> engine.openStreams.get() == 0);
        }
    }

    @Test
    void disconnect_midCursor_freesTheStreams() {
        Connection conn = server.connect();
        Result<Object> endless = r.range().run(conn);
        Result<Object> feed = r.table("feed").run(conn);
        assertThat(endless.next()).isEqualTo(0L);
        assertThat(feed.isFeed()).isTrue();
        conn.close(false);
        awaitTrue(() -> engine.openStreams.get() == 0);
    }

    private static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
