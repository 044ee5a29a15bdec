package io.reqldb.server.it;

import static com.rethinkdb.RethinkDB.r;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rethinkdb.gen.ast.ReqlExpr;
import com.rethinkdb.gen.ast.Table;
import com.rethinkdb.gen.exc.ReqlResourceLimitError;
import com.rethinkdb.net.Connection;
import io.reqldb.server.ServerConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows a query sorts, groups or gathers into an array are held in their stored form (about
 * 0.9 KB for these documents of ~750 bytes of JSON) and charged so, not as decoded trees (about
 * 4.5 KB): 2,000 of them fit an 8 MB budget (before, they needed about 9 MB and were refused),
 * 20,000 do not. Their answers are the same as ever.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoredRowsBudgetTest {
    private static final long BUDGET = 8L << 20;

    @TempDir
    static Path dataDir;
    private LiveServer server;
    private Connection conn;

    @BeforeAll
    void start() throws Exception {
        server = new LiveServer(dataDir, ServerConfig.builder().queryMemoryBytes(BUDGET));
        conn = server.connect();
        MixedDocuments.load(conn, "small", 2_000);
        MixedDocuments.load(conn, "large", 20_000);
    }

    @AfterAll
    void stop() {
        conn.close();
        server.close();
    }

    private static Map<String, Function<Table, ReqlExpr>> buffering() {
        return Map.of(
                "order_by without an index", t -> t.orderBy("score").nth(0).g("id"),
                "group without a reduction", t -> t.group("g").ungroup().count(),
                "group by a function, then a reduction", t -> t.group(row -> row.g("g")).sum("score").ungroup().count(),
                "coerce_to array", t -> t.coerceTo("array").map(row -> row.g("field3")).count());
    }

    @Test
    void twoThousandRowsFitInTheirStoredForm() {
        assertThat(buffering().get("order_by without an index").apply(r.table("small")).run(conn).single())
                .isEqualTo(0L);
        assertThat(buffering().get("group without a reduction").apply(r.table("small")).run(conn).single())
                .isEqualTo(100L);
        assertThat(buffering().get("group by a function, then a reduction").apply(r.table("small")).run(conn).single())
                .isEqualTo(100L);
        assertThat(buffering().get("coerce_to array").apply(r.table("small")).run(conn).single())
                .isEqualTo(2_000L);
        // What reads the held rows sees every field, decoded as it reads them.
        List<?> sorted = (List<?>) r.table("small").orderBy("score").limit(2).coerceTo("array").run(conn).single();
        assertThat(sorted).hasSize(2);
        assertThat(((Map<?, ?>) sorted.get(0)).get("address")).isEqualTo(Map.of("street", "0 Long Street",
                "city", "Springfield"));
        assertThat(r.table("small").coerceTo("array").filter(row -> row.g("g").eq(7)).map(row -> row.g("tags").nth(1))
                .distinct().run(conn).single()).isEqualTo(List.of("b"));
    }

    @Test
    void twentyThousandRowsDoNot() {
        buffering().forEach((what, query) -> assertThatThrownBy(() -> query.apply(r.table("large")).run(conn))
                .as(what).isInstanceOf(ReqlResourceLimitError.class)
                .hasMessageStartingWith("Query over memory limit `" + BUDGET + "` bytes"));
    }
}
