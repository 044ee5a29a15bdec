package io.reqldb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.rethinkdb.RethinkDB;
import com.rethinkdb.net.Connection;
import com.rethinkdb.net.Result;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@code r.db("rethinkdb").table("logs").changes()}: a message the server logs while the feed is
 * open arrives on it as a new row, the same row the table then holds.
 */
class LogsChangefeedTest {
    private static final RethinkDB r = RethinkDB.r;

    @TempDir
    Path tmp;

    @Test
    @SuppressWarnings("unchecked")
    void aMessageLoggedWhileTheFeedIsOpen_arrivesAsANewRow() throws Exception {
        ServeHarness harness = new ServeHarness();
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try (ServeCommand.Running running = harness.start("--directory", tmp.resolve("data").toString(),
                "--driver-port", "0", "--server-name", "feed_check");
             Connection c = r.connection().hostname("127.0.0.1").port(running.server().port()).connect()) {
            assertThat(running).as(harness.err()).isNotNull();
            Result<Object> feed = r.db("rethinkdb").table("logs").changes().run(c);
            feed.overrideFetchMode(Result.FetchMode.AGGRESSIVE);
            // Logged as any part of the server logs: through SLF4J, into the server's log.
            LoggerFactory.getLogger(LogsChangefeedTest.class).warn("disk nearly full (test)");

            Map<String, Object> change = (Map<String, Object>) reader.submit(() -> feed.next()).get(30, TimeUnit.SECONDS);
            assertThat(change).containsEntry("old_val", null);
            Map<String, Object> row = (Map<String, Object>) change.get("new_val");
            assertThat(row).containsEntry("message", "disk nearly full (test)").containsEntry("level", "warn")
                    .containsEntry("server", "feed_check").containsKeys("timestamp", "uptime");
            Object id = row.get("id");
            assertThat((List<Object>) id).hasSize(2).last().isEqualTo(c.server().getId());
            Map<String, Object> stored = r.db("rethinkdb").table("logs").get(id).run(c, Map.class).single();
            assertThat(stored).isEqualTo(row);
            feed.close();
        } finally {
            reader.shutdownNow();
        }
    }
}
