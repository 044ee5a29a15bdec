package io.reqldb.server.it;

import static com.rethinkdb.RethinkDB.r;
import static org.assertj.core.api.Assertions.assertThat;

import com.rethinkdb.gen.exc.ReqlOpIndeterminateError;
import com.rethinkdb.net.Connection;
import io.reqldb.query.limits.QueryControl;
import io.reqldb.query.limits.QueryLimits;
import io.reqldb.server.wire.RawWireClient;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #10: a query stops when its client disconnects or sends STOP, instead of keeping a core
 * busy for ever. "Stopped" is read from the server's own count of queries evaluating on a thread
 * ({@link QueryLimits#running}), polled with a generous deadline: no timing is asserted.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class QueryCancellationTest {
    /** Far longer than a cancelled query takes to unwind (well under a second), so never flaky. */
    private static final long DEADLINE_MILLIS = 30_000;

    @TempDir
    Path dataDir;
    private LiveServer server;
    private QueryLimits limits;

    @BeforeEach
    void start() throws Exception {
        server = new LiveServer(dataDir);
        limits = server.queryLimits();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void disconnectStopsAnEndlessStreamRead() throws Exception {
        Connection conn = server.connect();
        runInBackground(() -> r.range().filter(false).run(conn));
        awaitTrue(() -> limits.running() == 1, "the query to be running");

        conn.close(false);

        awaitTrue(() -> limits.running() == 0, "the query to stop after the disconnect");
        assertThat(limits.interrupted()).isEqualTo(1);
    }

    @Test
    void disconnectStopsALongEvaluation() throws Exception {
        Connection conn = server.connect();
        // An atom: the whole work happens while the START is evaluated, before any answer.
        runInBackground(() -> r.range(1_000_000_000_000L).count().run(conn));
        awaitTrue(() -> limits.running() == 1, "the query to be running");

        conn.close(false);

        awaitTrue(() -> limits.running() == 0, "the query to stop after the disconnect");
        assertThat(limits.interrupted()).isEqualTo(1);
    }

    @Test
    void stopEndsARunningQueryWithAnEmptySequenceAndIsAnswered() throws Exception {
        try (RawWireClient c = new RawWireClient("127.0.0.1", server.port()).readTimeout((int) DEADLINE_MILLIS)) {
            // [START, r.range().filter(false)]: RANGE is 173, FILTER 39.
            c.send(7, "[1,[39,[[173,[]],false]]]");
            awaitTrue(() -> limits.running() == 1, "the query to be running");

            c.send(7, "[3]");

            // The START is cut short with an empty SUCCESS_SEQUENCE, then the STOP is answered,
            // as in RethinkDB (query_cache.cc: "A STOP'ed stream should always return an empty
            // SUCCESS").
            assertThat(c.read()).isEqualTo(new RawWireClient.Frame(7, "{\"t\":2,\"r\":[],\"n\":[]}"));
            assertThat(c.read()).isEqualTo(new RawWireClient.Frame(7, "{\"t\":2,\"r\":[],\"n\":[]}"));
            awaitTrue(() -> limits.running() == 0, "the query to stop");
            assertThat(limits.interrupted()).isEqualTo(1);

            // The connection is still good.
            c.send(8, "[1,1]");
            assertThat(c.read()).isEqualTo(new RawWireClient.Frame(8, "{\"t\":1,\"r\":[1]}"));
        }
    }

    @Test
    void closingTheConnectionStopsANestedLoopOverArrays() throws Exception {
        Connection conn = server.connect();
        // No table, no range in the loop itself: the arrays and the function calls must poll.
        runInBackground(() -> r.expr(r.range(100_000).coerceTo("array"))
                .concatMap(x -> r.range(100_000).coerceTo("array"))
                .count().run(conn));
        awaitTrue(() -> limits.running() == 1, "the query to be running");

        conn.close(false);

        awaitTrue(() -> limits.running() == 0, "the query to stop after the connection closed");
    }

    @Test
    void disconnectKillsARunawayScript() throws Exception {
        Connection conn = server.connect();
        // Without cancellation the query would wait an hour for its worker.
        runInBackground(() -> r.js("while(true){}").optArg("timeout", 3600).run(conn));
        awaitTrue(() -> limits.running() == 1, "the script to be running");

        conn.close(false);

        awaitTrue(() -> limits.running() == 0, "the query to stop after the disconnect");
        assertThat(limits.interrupted()).isEqualTo(1);
        try (Connection again = server.connect()) {
            assertThat(r.js("1 + 1").run(again, Long.class).single()).isEqualTo(2L);
        }
    }

    @Test
    void runningQueriesAreListedAndCanBeTerminated() throws Exception {
        Connection conn = server.connect();
        AtomicReference<Throwable> answer = new AtomicReference<>();
        Thread client = new Thread(() -> {
            try {
                r.range().filter(false).run(conn);
            } catch (RuntimeException e) {
                answer.set(e);
            }
        }, "test-client");
        client.setDaemon(true);
        client.start();
        awaitTrue(() -> limits.running() == 1, "the query to be running");

        List<QueryControl> queries = limits.queries();
        assertThat(queries).hasSize(1);
        QueryControl query = queries.get(0);
        assertThat(query.origin().session().user()).isEqualTo("admin");
        assertThat(query.origin().client().getAddress().isLoopbackAddress()).isTrue();
        assertThat(query.origin().term().toString()).contains("173");
        assertThat(limits.terminate(query.id())).isTrue();

        client.join(DEADLINE_MILLIS);
        // As RethinkDB answers a query whose rethinkdb.jobs row was deleted.
        assertThat(answer.get()).isInstanceOf(ReqlOpIndeterminateError.class)
                .hasMessageContaining("Query terminated by the `rethinkdb.jobs` table.");
        awaitTrue(() -> limits.running() == 0 && limits.queries().isEmpty(), "the query to be gone");
        assertThat(limits.terminate(query.id())).isFalse();
        conn.close();
    }

    /** Runs a query the test never waits for: it ends with the connection, on a daemon thread. */
    private static void runInBackground(Runnable query) {
        Thread t = new Thread(() -> {
            try {
                query.run();
            } catch (RuntimeException expected) {
                // The connection is closed under the query: the driver reports that; fine here.
            }
        }, "test-client");
        t.setDaemon(true);
        t.start();
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MILLIS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
