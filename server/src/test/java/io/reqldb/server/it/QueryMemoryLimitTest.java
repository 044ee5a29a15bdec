package io.reqldb.server.it;

import static com.rethinkdb.RethinkDB.r;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rethinkdb.gen.exc.ReqlResourceLimitError;
import com.rethinkdb.net.Connection;
import io.reqldb.server.ServerConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #10: a query that would fill the heap gets {@code ReqlResourceLimitError} from its memory
 * budget (here 16 MB, the {@code serve --query-memory} option) and the server keeps answering.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class QueryMemoryLimitTest {
    private static final long BUDGET = 16L << 20;

    @TempDir
    Path dataDir;
    private LiveServer server;
    private Connection conn;

    @BeforeEach
    void start() throws Exception {
        server = new LiveServer(dataDir, ServerConfig.builder().queryMemoryBytes(BUDGET));
        conn = server.connect();
    }

    @AfterEach
    void stop() {
        conn.close();
        server.close();
    }

    @Test
    void aStringDoubledInAFoldHitsTheBudget() {
        assertThatThrownBy(() -> r.range(64).fold("a", (acc, x) -> acc.add(acc)).run(conn))
                .isInstanceOf(ReqlResourceLimitError.class)
                .hasMessageContaining("Query over memory limit `" + BUDGET + "` bytes");
        assertServerStillAnswers();
    }

    @Test
    void groupingMoreRowsThanTheBudgetHoldsHitsTheBudget() {
        // Each row carries a 1,000-character string: 200,000 of them are about 200 MB to hold.
        String filler = "y".repeat(1000);
        assertThatThrownBy(() -> r.range(200_000).map(i -> r.array(i, filler))
                .group(row -> row.nth(0).mod(10)).ungroup().count().run(conn))
                .isInstanceOf(ReqlResourceLimitError.class)
                .hasMessageContaining("Query over memory limit");
        assertThat(server.reservedOnceAnswersWritten()).isZero();
        assertServerStillAnswers();
    }

    @Test
    void countingGroupsHoldsNoRows_soMoreRowsThanTheBudgetHoldsAreCounted() {
        String filler = "y".repeat(1000);
        List<Object> counts = (List<Object>) r.range(200_000).map(i -> r.array(i, filler))
                .group(row -> row.nth(0).mod(10)).count().ungroup().g("reduction").run(conn).single();
        assertThat(counts).hasSize(10).containsOnly((Object) 20_000L);
    }

    @Test
    void theFirstRowsOfAnOrderOverATableLargerThanTheBudgetAreFoundWithoutHoldingIt() {
        // 30,000 rows of 1 KB: about 30 MB to hold for a full sort, against a 16 MB budget.
        r.tableCreate("big").run(conn);
        String filler = "y".repeat(1000);
        for (int from = 0; from < 30_000; from += 1_000) {
            r.table("big").insert(r.range(from, from + 1_000).map(i -> r.hashMap("id", i)
                    .with("n", i.mul(7919).mod(30_000)).with("f", filler))).optArg("durability", "soft").run(conn);
        }
        List<Object> first = (List<Object>) r.table("big").orderBy("n").limit(3).g("n").coerceTo("array").run(conn).single();
        assertThat(first).containsExactly(0L, 1L, 2L);
        assertThatThrownBy(() -> r.table("big").orderBy("n").slice(0, 3).count().run(conn))
                .isInstanceOf(ReqlResourceLimitError.class)
                .hasMessageContaining("Query over memory limit");
    }

    @Test
    void theFirstRowsOfAnOrderAreChargedWhileKept() {
        // 30 documents of 1 MB: the first 20 of them are more than the 16 MB budget, the first 5 are not.
        r.tableCreate("huge").run(conn);
        String filler = "y".repeat(1_000_000);
        for (int i = 0; i < 30; i++) {
            r.table("huge").insert(r.hashMap("id", i).with("n", 29 - i).with("f", filler)).run(conn);
        }
        List<Object> first = (List<Object>) r.table("huge").orderBy("n").limit(5).g("n").coerceTo("array").run(conn).single();
        assertThat(first).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThatThrownBy(() -> r.table("huge").orderBy("n").limit(20).count().run(conn))
                .isInstanceOf(ReqlResourceLimitError.class)
                .hasMessageContaining("Query over memory limit");
        assertServerStillAnswers();
    }

    @Test
    void aValueThatSharesItsPartsIsRefusedWhenWrittenOutGrowsPastTheBudget() {
        // 2^60 leaves written out, in a few kilobytes of memory: the answer cannot be sent.
        assertThatThrownBy(() -> r.range(60).fold(r.array(1), (acc, x) -> r.array(acc, acc)).run(conn))
                .isInstanceOf(ReqlResourceLimitError.class)
                .hasMessageStartingWith("Response over size limit `" + BUDGET + "` bytes.");
        assertServerStillAnswers();
    }

    @Test
    void memoryIsGivenBackWhenAQueryEnds() {
        long rows = (Long) r.range(50_000).orderBy(x -> x.mul(-1)).count().run(conn).single();
        assertThat(rows).isEqualTo(50_000L);
        assertThat(server.reservedOnceAnswersWritten()).isZero();
    }

    private void assertServerStillAnswers() {
        assertThat(r.expr(1).add(1).run(conn).single()).isEqualTo(2L);
    }
}
