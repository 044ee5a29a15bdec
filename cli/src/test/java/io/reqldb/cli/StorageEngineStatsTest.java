package io.reqldb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.rethinkdb.RethinkDB;
import com.rethinkdb.net.Connection;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rethinkdb.stats}' {@code storage_engine} figures of a table tell what the storage engine
 * did for it: after about a megabyte written and read back through the official Java driver, its
 * bytes written and read cover those documents, its part of the cache is within
 * {@code --cache-size}, and an empty table beside it is charged nothing.
 */
class StorageEngineStatsTest {
    private static final RethinkDB r = RethinkDB.r;
    private static final long CACHE_BYTES = 64L << 20;

    @TempDir
    Path tmp;

    @Test
    void aMegabyteWrittenAndRead_showsInTheTablesStorageFigures() throws Exception {
        ServeHarness harness = new ServeHarness();
        try (ServeCommand.Running running = harness.start("--directory", tmp.resolve("data").toString(),
                "--driver-port", "0", "--cache-size", "64")) {
            assertThat(running).as(harness.err()).isNotNull();
            try (Connection c = r.connection().hostname("127.0.0.1").port(running.server().port()).connect()) {
                r.dbCreate("app").run(c);
                r.db("app").tableCreate("items").run(c);
                r.db("app").tableCreate("empty").run(c);
                r.db("app").table("items").insert(r.range(0, 1000)
                        .map(i -> r.hashMap("id", i).with("text", "x".repeat(1000)))).run(c);
                r.db("app").table("items").coerceTo("array").run(c);
                r.db("app").table("items").get(7).run(c);

                Map<String, Object> items = storageEngine(c, "items");
                Map<String, Object> disk = nested(items, "disk");
                assertThat(number(disk, "written_bytes_total")).isGreaterThan(1_000_000L);
                assertThat(number(disk, "read_bytes_total")).isGreaterThan(1_000_000L);
                assertThat(number(disk, "written_bytes_per_sec")).isGreaterThanOrEqualTo(0);
                long inUse = number(nested(items, "cache"), "in_use_bytes");
                assertThat(inUse).isPositive().isLessThanOrEqualTo(CACHE_BYTES);
                assertThat(number(nested(disk, "space_usage"), "garbage_bytes")).isNotNegative();

                Map<String, Object> empty = storageEngine(c, "empty");
                assertThat(number(nested(empty, "cache"), "in_use_bytes")).isZero();
                assertThat(number(nested(empty, "disk"), "written_bytes_total")).isZero();
                assertThat(number(nested(empty, "disk"), "read_bytes_total")).isZero();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> storageEngine(Connection c, String table) {
        return r.db("rethinkdb").table("stats").filter(row -> row.g("id").nth(0).eq("table_server")
                .and(row.g("table").eq(table))).nth(0).g("storage_engine").run(c, Map.class).single();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> nested(Map<String, Object> m, String key) {
        return (Map<String, Object>) m.get(key);
    }

    private static long number(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).longValue();
    }
}
