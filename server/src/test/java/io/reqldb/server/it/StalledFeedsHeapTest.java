package io.reqldb.server.it;

import static com.rethinkdb.RethinkDB.r;
import static org.assertj.core.api.Assertions.assertThat;

import com.rethinkdb.net.Connection;
import io.reqldb.server.wire.RawWireClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Changefeeds whose readers stopped reading, on busy tables, cannot fill the heap: a feed's queue
 * is bounded by count ({@code changefeed_queue_size}, 100,000), and four stalled feeds with 100k
 * writes of ~850 bytes each would hold about 480 MB. The server runs with {@code serve}'s default
 * 256 MB heap and {@code -XX:+ExitOnOutOfMemoryError}: before the feeds shed their backlog when
 * the heap ran short, it ran out of memory during the third table's writes. Now every write
 * succeeds, the server lives, and a stalled reader that reads again learns with RethinkDB's item
 * for an overflowed queue that changes were skipped.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class StalledFeedsHeapTest {
    private static final List<String> TABLES = List.of("a", "b", "c", "d");
    private static final int WRITES = 100_000;
    private static final int BATCH = 1_000;
    private static final String PAD = "p".repeat(800);

    @TempDir
    Path dataDir;

    @Test
    void stalledFeedsOnBusyTables_shedTheirBacklog_insteadOfExhaustingTheHeap() throws Exception {
        Process server = StandaloneServer.launch(dataDir, "-Xmx256m", "-XX:+ExitOnOutOfMemoryError");
        List<RawWireClient> stalled = new ArrayList<>();
        try {
            int port = StandaloneServer.port(server);
            try (Connection c = r.connection().hostname("127.0.0.1").port(port).connect()) {
                for (String t : TABLES) {
                    r.tableCreate(t).run(c);
                    RawWireClient reader = new RawWireClient("127.0.0.1", port).readTimeout(60_000);
                    stalled.add(reader);
                    // table(t).changes(): the first (empty) batch is read, then no CONTINUE ever.
                    reader.send(1, "[1,[152,[[15,[[14,[\"test\"]],\"" + t + "\"]]]],{}]");
                    assertThat(reader.read().json()).startsWith("{\"t\":3,");
                }
                for (String t : TABLES) {
                    for (int i = 0; i < WRITES; i += BATCH) {
                        List<Map<String, Object>> docs = new ArrayList<>(BATCH);
                        for (int j = i; j < i + BATCH; j++) {
                            docs.add(Map.of("id", j, "pad", PAD));
                        }
                        Map<?, ?> result = r.table(t).insert(docs).optArg("durability", "soft").run(c, Map.class).single();
                        assertThat(result.get("inserted")).as("batch %s of %s", i, t).isEqualTo((long) BATCH);
                    }
                }
                assertThat(server.isAlive()).as("no OutOfMemoryError stopped the server").isTrue();
                assertThat(r.expr(1).add(1).run(c, Long.class).single()).isEqualTo(2L);
            }
            RawWireClient first = stalled.get(0);
            first.send(1, "[2]");
            assertThat(first.read().json()).as("the first stalled reader, reading again")
                    .contains("Changefeed cache over array size limit, skipped ");
        } finally {
            for (RawWireClient reader : stalled) {
                reader.close();
            }
            server.destroyForcibly();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
