package io.reqldb.server.it;

import static com.rethinkdb.RethinkDB.r;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rethinkdb.gen.exc.ReqlOpIndeterminateError;
import com.rethinkdb.net.Connection;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code rethinkdb.jobs} lists the running queries with RethinkDB's fields, and a delete stops one. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JobsTableTest {
    @TempDir
    static Path dir;
    static LiveServer server;
    static Connection conn;

    @BeforeAll
    static void start() throws Exception {
        server = new LiveServer(dir.resolve("data"));
        conn = server.connect();
    }

    @AfterAll
    static void stop() {
        conn.close();
        server.close();
    }

    @Test
    void theReadingQueryListsItself() {
        List<?> jobs = r.db("rethinkdb").table("jobs").coerceTo("array").run(conn, List.class).single();
        assertThat(jobs).hasSize(1);
        Map<?, ?> job = (Map<?, ?>) jobs.get(0);
        assertThat(job.get("type")).isEqualTo("query");
        assertThat(((List<?>) job.get("id")).get(0)).isEqualTo("query");
        assertThat((Double) job.get("duration_sec")).isGreaterThanOrEqualTo(0.0);
        assertThat((List<?>) job.get("servers")).hasSize(1);
        Map<?, ?> info = (Map<?, ?>) job.get("info");
        assertThat(info.get("client_address")).isEqualTo("127.0.0.1");
        assertThat((Long) info.get("client_port")).isPositive();
        assertThat(info.get("user")).isEqualTo("admin");
        assertThat(info.get("query")).isEqualTo("r.db(\"rethinkdb\").table(\"jobs\").coerceTo(\"array\")");
    }

    @Test
    void deletingAQuerysJobStopsItWithRethinkDbsError() throws Exception {
        Connection other = server.connect();
        try {
            CompletableFuture<Object> longQuery = CompletableFuture.supplyAsync(
                    () -> r.range(1_000_000_000_000L).count().run(other, Long.class).single());
            Object id = awaitJob("r.range(1000000000000).count()");

            Map<?, ?> deleted = r.db("rethinkdb").table("jobs").get(id).delete().run(conn, Map.class).single();

            assertThat(deleted.get("deleted")).isEqualTo(1L);
            assertThatThrownBy(() -> longQuery.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(ReqlOpIndeterminateError.class)
                    .hasMessageContaining("Query terminated by the `rethinkdb.jobs` table.");
            // The connection is still good.
            assertThat((Object) r.expr(1).run(other, Long.class).single()).isEqualTo(1L);
        } finally {
            other.close();
        }
    }

    @Test
    void onlyDeletionsAreAllowed() {
        Map<?, ?> result = r.db("rethinkdb").table("jobs").insert(r.hashMap("id", r.array("query", "x")))
                .run(conn, Map.class).single();
        assertThat(result.get("first_error"))
                .isEqualTo("The `rethinkdb.jobs` system table only allows deletions, not inserts or updates.");
        result = r.db("rethinkdb").table("jobs").update(r.hashMap("type", "x")).run(conn, Map.class).single();
        assertThat(result.get("first_error"))
                .isEqualTo("The `rethinkdb.jobs` system table only allows deletions, not inserts or updates.");
    }

    /** The id of the running query whose text is {@code query}, once it shows up. */
    private static Object awaitJob(String query) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            List<?> ids = r.db("rethinkdb").table("jobs").filter(r.hashMap("info", r.hashMap("query", query)))
                    .g("id").coerceTo("array").run(conn, List.class).single();
            if (!ids.isEmpty()) {
                return ids.get(0);
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the query never showed in rethinkdb.jobs: " + query);
    }
}
