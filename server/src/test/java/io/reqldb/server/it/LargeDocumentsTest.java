package io.reqldb.server.it;

import static com.rethinkdb.RethinkDB.r;
import static org.assertj.core.api.Assertions.assertThat;

import com.rethinkdb.net.Connection;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Documents large beside the block cache (400 of 100 KB against a 32 MB cache): batches of them
 * do not fit in it. Every document must still reach an index built afterwards, index reads and a
 * batch update. Under RocksDB's strict cache limit, multi-gets answered some keys as if absent,
 * and a flush refused room in the cache failed, after which RocksDB refused every write: an index
 * build's write among them, which left the index unbuilt and {@code index_wait} waiting, hence
 * the timeout.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LargeDocumentsTest {
    private static final int ROWS = 400;
    private static final String FILLER = "y".repeat(100_000);

    @TempDir
    Path dataDir;

    @Test
    void anIndexBuiltOverLargeDocuments_indexesEveryOne_andReadsAndBatchWritesSeeThemAll() throws Exception {
        try (LiveServer server = new LiveServer(dataDir); Connection conn = server.connect()) {
            r.tableCreate("t").run(conn);
            r.table("t").insert(r.range(ROWS).map(i -> r.hashMap("id", i).with("s", i.coerceTo("string").add(FILLER))
                    .with("g", i.mod(2)))).run(conn);
            r.table("t").indexCreate("s").run(conn);
            r.table("t").indexCreate("g").run(conn);
            r.table("t").indexWait().run(conn);

            assertThat(r.table("t").orderBy().optArg("index", "s").count().run(conn).single()).isEqualTo((long) ROWS);
            assertThat(r.table("t").getAll(0, 1).optArg("index", "g").count().run(conn).single()).isEqualTo((long) ROWS);
            Map<?, ?> updated = (Map<?, ?>) r.table("t").update(r.hashMap("seen", true)).run(conn).single();
            assertThat(updated.get("replaced")).isEqualTo((long) ROWS);
            assertThat(r.table("t").filter(r.hashMap("seen", true)).count().run(conn).single()).isEqualTo((long) ROWS);
        }
    }
}
