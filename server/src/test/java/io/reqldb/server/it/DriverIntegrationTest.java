package io.reqldb.server.it;

import static com.rethinkdb.RethinkDB.r;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rethinkdb.gen.exc.ReqlNonExistenceError;
import com.rethinkdb.gen.exc.ReqlOpFailedError;
import com.rethinkdb.gen.exc.ReqlQueryLogicError;
import com.rethinkdb.gen.ast.Json;
import com.rethinkdb.gen.ast.Table;
import com.rethinkdb.model.OptArgs;
import com.rethinkdb.net.Connection;
import com.rethinkdb.net.Result;
import io.reqldb.server.DriverResults;
import io.reqldb.server.wire.RawWireClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The full server through the official Java driver, as applications use it. */
class DriverIntegrationTest {
    @TempDir
    Path dataDir;
    private LiveServer server;
    private Connection conn;

    @BeforeEach
    void start() throws Exception {
        server = new LiveServer(dataDir);
        conn = server.connect();
        r.dbCreate("app").run(conn);
        r.db("app").tableCreate("users").run(conn);
    }

    @AfterEach
    void stop() {
        conn.close();
        server.close();
    }

    @Test
    void crudRoundTrip() {
        Map<?, ?> inserted = (Map<?, ?>) r.db("app").table("users")
                .insert(r.hashMap("id", 1).with("name", "Ada").with("age", 36)).run(conn).single();
        assertThat(inserted.get("inserted")).isEqualTo(1L);

        Map<?, ?> ada = (Map<?, ?>) r.db("app").table("users").get(1).run(conn).single();
        assertThat(ada.get("name")).isEqualTo("Ada");

        r.db("app").table("users").get(1).update(r.hashMap("age", 37)).run(conn);
        assertThat(r.db("app").table("users").get(1).g("age").run(conn).single()).isEqualTo(37L);

        r.db("app").table("users").get(1).replace(r.hashMap("id", 1).with("name", "Ada L.")).run(conn);
        assertThat(((Map<?, ?>) r.db("app").table("users").get(1).run(conn).single()).containsKey("age")).isFalse();

        Map<?, ?> deleted = (Map<?, ?>) r.db("app").table("users").get(1).delete().run(conn).single();
        assertThat(deleted.get("deleted")).isEqualTo(1L);
        assertThat(r.db("app").table("users").get(1).run(conn).single()).isNull();
    }

    @Test
    void cursorDeliversLargeResultsOverSeveralBatches() {
        List<Object> docs = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            docs.add(r.hashMap("id", i).with("pad", "x".repeat(500)));
        }
        r.db("app").table("users").insert(docs).run(conn);
        List<Object> rows = DriverResults.drain(r.db("app").table("users").run(conn, Result.FetchMode.AGGRESSIVE));
        assertThat(rows).hasSize(5000);
    }

    @Test
    void pipelinedQueriesOnOneConnectionEachGetTheirAnswer() throws Exception {
        List<CompletableFuture<Result<Object>>> futures = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            futures.add(r.expr(i).add(1).runAsync(conn));
        }
        for (int i = 0; i < 50; i++) {
            assertThat(futures.get(i).get().single()).isEqualTo((long) i + 1);
        }
    }

    @Test
    void eightConcurrentClientsWriteAndReadTheirOwnRows() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Long>> work = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                int client = c;
                work.add(pool.submit(() -> {
                    try (Connection own = server.connect()) {
                        for (int i = 0; i < 200; i++) {
                            r.db("app").table("users").insert(r.hashMap("id", client * 1000 + i).with("c", client)).run(own);
                        }
                        return (Long) r.db("app").table("users").filter(r.hashMap("c", client)).count().run(own).single();
                    }
                }));
            }
            for (Future<Long> f : work) {
                assertThat(f.get()).isEqualTo(200L);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(r.db("app").table("users").count().run(conn).single()).isEqualTo(1600L);
    }

    @Test
    void errorsHaveRethinkDbTypesAndMessagesAndTheConnectionStaysUsable() {
        assertThatThrownBy(() -> r.db("nope").tableList().run(conn))
                .isInstanceOf(ReqlOpFailedError.class).hasMessageContaining("Database `nope` does not exist.");
        assertThatThrownBy(() -> r.expr(1).add("a").run(conn))
                .isInstanceOf(ReqlQueryLogicError.class).hasMessageContaining("Expected type NUMBER but found STRING.");
        assertThatThrownBy(() -> r.expr(r.hashMap("a", 1)).g("b").run(conn))
                .isInstanceOf(ReqlNonExistenceError.class).hasMessageContaining("No attribute `b` in object");
        assertThat(r.expr(2).mul(3).run(conn).single()).isEqualTo(6L);
    }

    @Test
    void secondaryIndexesAreBuiltAndQueried() {
        List<Object> docs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            docs.add(r.hashMap("id", i).with("team", "t" + (i % 3)).with("score", i));
        }
        r.db("app").table("users").insert(docs).run(conn);
        r.db("app").table("users").indexCreate("team").run(conn);
        r.db("app").table("users").indexWait("team").run(conn);

        assertThat(r.db("app").table("users").getAll("t1").optArg("index", "team").count().run(conn).single())
                .isEqualTo(100L);
        List<Object> firstByScore = r.db("app").table("users").orderBy().optArg("index", r.desc("id")).limit(2)
                .g("id").run(conn).toList();
        assertThat(firstByScore).containsExactly(299L, 298L);
        assertThat(r.db("app").table("users").between(10, 20).count().run(conn).single()).isEqualTo(10L);
    }

    @Test
    void everythingSurvivesARestart() throws Exception {
        r.db("app").table("users").insert(r.hashMap("id", "kept").with("v", 1)).run(conn);
        r.db("app").table("users").indexCreate("v").run(conn);
        r.db("app").table("users").indexWait("v").run(conn);
        r.db("app").table("users").setWriteHook((context, oldVal, newVal) -> newVal.merge(r.hashMap("hooked", true)))
                .run(conn);
        OptArgs rawBinary = new OptArgs().with("binary_format", "raw");
        Object hook = r.db("app").table("users").getWriteHook().run(conn, rawBinary).single();
        conn.close();
        server.close();

        server = new LiveServer(dataDir);
        conn = server.connect();
        assertThat(r.db("app").tableList().run(conn).single()).isEqualTo(List.of("users"));
        assertThat(r.db("app").table("users").getAll(1).optArg("index", "v").g("id").run(conn).toList())
                .containsExactly("kept");
        assertThat(r.db("app").table("users").getWriteHook().run(conn, rawBinary).single()).isEqualTo(hook);
        r.db("app").table("users").insert(r.hashMap("id", "new")).run(conn);
        assertThat(r.db("app").table("users").get("new").g("hooked").run(conn).single()).isEqualTo(true);
    }

    /**
     * RethinkDB sets no nesting limit; values tens of thousands of levels deep (made with r.json)
     * are stored, indexed by a build over existing rows, compared, fed to changefeeds and
     * returned, instead of overflowing a thread's stack and leaving the client waiting.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES) // what this guards against used to hang
    void deeplyNestedValuesAreStoredIndexedAndReturned() throws Exception {
        int depth = 50_000;
        Json deep = r.json("[".repeat(depth) + "]".repeat(depth));
        Table users = r.db("app").table("users");
        users.insert(r.hashMap("id", 1).with("nested", deep)).run(conn);
        users.indexCreate("nested").run(conn);
        users.indexWait("nested").run(conn);

        assertThat(users.getAll(deep).optArg("index", "nested").count().run(conn).single()).isEqualTo(1L);
        assertThat(users.get(1).g("nested").eq(deep).run(conn).single()).isEqualTo(true);
        assertThat(users.get(1).changes().optArg("include_initial", true).limit(1).count().run(conn).single())
                .isEqualTo(1L);

        // Returned whole, read off the wire (drivers' JSON parsers stop at a thousand levels or so).
        try (RawWireClient raw = new RawWireClient("127.0.0.1", server.port())) {
            raw.send(1, "[1,[98,[\"" + "[".repeat(depth) + "]".repeat(depth) + "\"]]]");
            assertThat(raw.read().json())
                    .isEqualTo("{\"t\":1,\"r\":[" + "[".repeat(depth) + "]".repeat(depth) + "]}");
        }
    }
}
