package io.reqldb.server.it;

import static com.rethinkdb.RethinkDB.r;
import static org.assertj.core.api.Assertions.assertThat;

import com.rethinkdb.gen.ast.ReqlExpr;
import com.rethinkdb.gen.ast.ReqlFunction1;
import com.rethinkdb.gen.exc.ReqlResourceLimitError;
import com.rethinkdb.net.Connection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #10: queries that buffer whole tables (group, order_by without an index, coerce_to
 * array, distinct), run together, never make the server's JVM throw {@code OutOfMemoryError}.
 * The server runs in a process of its own with a 256 MB heap (so a 64 MB budget per query and
 * 154 MB for all of them) and {@code -XX:+ExitOnOutOfMemoryError}, so any such error, caught or
 * not, kills it. Each query either answers or fails with {@code ReqlResourceLimitError}.
 *
 * <p>The table's 30,000 documents of about 750 bytes of JSON take about 130 MB of heap once
 * decoded, about 27 MB held in their stored form (as buffers hold them). Counted by their JSON
 * size, as the budget once was, each whole-table query fit in its 64 MB, five of them in the
 * pool, and together they held several times the heap: this test then died of
 * {@code OutOfMemoryError}. Now each whole-table query fits its budget alone, and two of each
 * (eight, about 240 MB) running together overfill the pool, which refuses some of them.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ConcurrentBuffersTest {
    private static final int ROWS = 30_000;
    /** Rows the smaller queries buffer: about 25 MB of heap, within one query's budget. */
    private static final int SUBSET = 5_000;

    @TempDir
    Path dataDir;

    @Test
    void bigBuffersTogetherAnswerOrHitTheBudgetButNeverFillTheHeap() throws Exception {
        Process server = StandaloneServer.launch(dataDir, "-Xmx256m", "-XX:+ExitOnOutOfMemoryError");
        try {
            int port = StandaloneServer.port(server);
            try (Connection c = connect(port)) {
                MixedDocuments.load(c, "t", ROWS);
            }
            Map<String, Supplier<ReqlExpr>> wholeTable = new LinkedHashMap<>();
            Map<String, Object> answers = new LinkedHashMap<>();
            for (String copy : new String[] {"", " (2)"}) {
                wholeTable.put("group, no reduction" + copy, () -> r.table("t").group("g").ungroup().count());
                wholeTable.put("group by a function, count" + copy,
                        () -> r.table("t").group(row -> row.g("g")).count().ungroup().count());
                wholeTable.put("order_by without index" + copy, () -> r.table("t").orderBy("score").count());
                wholeTable.put("coerce_to array" + copy, () -> r.table("t").coerceTo("array").count());
                answers.put("group, no reduction" + copy, 100L);
                answers.put("group by a function, count" + copy, 100L);
                answers.put("order_by without index" + copy, (long) ROWS);
                answers.put("coerce_to array" + copy, (long) ROWS);
            }
            Map<String, Supplier<ReqlExpr>> subset = new LinkedHashMap<>();
            subset.put("subset order_by", () -> some().orderBy("score").nth(0).g("id"));
            subset.put("subset group", () -> some().group("g").count().ungroup().count());
            subset.put("subset coerce_to array", () -> some().coerceTo("array").count());
            subset.put("subset distinct", () -> some().distinct().count());

            Map<String, Supplier<ReqlExpr>> all = new LinkedHashMap<>(wholeTable);
            all.putAll(subset);
            Map<String, Object> outcomes = runTogether(port, all);
            outcomes.forEach((what, outcome) -> {
                if (outcome instanceof Throwable e) {
                    assertThat(e).as(what + ": " + e.getMessage()).isInstanceOf(ReqlResourceLimitError.class);
                }
            });
            answers.forEach((what, answer) -> {
                if (!(outcomes.get(what) instanceof Throwable)) {
                    assertThat(outcomes.get(what)).as(what).isEqualTo(answer);
                }
            });
            assertThat(server.isAlive()).as("no OutOfMemoryError stopped the server").isTrue();
            try (Connection c = connect(port)) {
                assertThat(r.expr(1).add(1).run(c).single()).isEqualTo(2L);
                // Alone, every smaller query fits: what the others held was given back.
                for (Map.Entry<String, Supplier<ReqlExpr>> q : subset.entrySet()) {
                    assertThat(q.getValue().get().run(c).single()).as(q.getKey()).isNotNull();
                }
            }
        } finally {
            server.destroyForcibly();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** The smaller queries' rows. */
    private static ReqlExpr some() {
        return r.table("t").filter((ReqlFunction1) row -> row.g("id").lt(SUBSET));
    }

    /** Runs every query at once, each on its own connection: its result, or what it threw. */
    private static Map<String, Object> runTogether(int port, Map<String, Supplier<ReqlExpr>> queries)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(queries.size());
        try {
            CountDownLatch ready = new CountDownLatch(queries.size());
            List<String> names = new ArrayList<>(queries.keySet());
            List<Future<Object>> results = new ArrayList<>();
            for (String name : names) {
                results.add(pool.submit(() -> {
                    try (Connection c = connect(port)) {
                        ready.countDown();
                        ready.await();
                        return queries.get(name).get().run(c).single();
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            Map<String, Object> outcomes = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                outcomes.put(names.get(i), results.get(i).get(120, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Connection connect(int port) {
        return r.connection().hostname("127.0.0.1").port(port).connect();
    }
}
