package io.reqldb.server.it;

import static com.rethinkdb.RethinkDB.r;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rethinkdb.gen.exc.ReqlResourceLimitError;
import com.rethinkdb.model.OptArgs;
import com.rethinkdb.net.Connection;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #10: {@code array_limit} where RethinkDB 2.4 enforces it, with its messages
 * ({@code format_array_size_error} in error.cc, the grouped-data text of shards.cc).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ArrayLimitTest {
    private static final String ARRAY_OVER_LIMIT = "Array over size limit `100000`.  To raise the number of "
            + "allowed elements, modify the `array_limit` option to `.run` (not available in the Data "
            + "Explorer), or use an index.";

    @TempDir
    Path dataDir;
    private LiveServer server;
    private Connection conn;

    @BeforeEach
    void start() throws Exception {
        server = new LiveServer(dataDir);
        conn = server.connect();
    }

    @AfterEach
    void stop() {
        conn.close();
        server.close();
    }

    @Test
    void groupWithoutAReductionIsLimitedInTotal() {
        // Three groups of 100,000 rows: each within the limit, 300,000 in all.
        assertThatThrownBy(() -> r.range(300_000).group(x -> x.mod(3)).run(conn))
                .isInstanceOf(ReqlResourceLimitError.class)
                .hasMessageStartingWith("Grouped data over size limit `100000`.  Try putting a reduction "
                        + "(like `.reduce` or `.count`) on the end.");
        assertThatThrownBy(() -> r.range(300_000).group(x -> x.mod(3)).ungroup().run(conn))
                .isInstanceOf(ReqlResourceLimitError.class)
                .hasMessageStartingWith("Grouped data over size limit `100000`.");
    }

    @Test
    void groupWithAReductionIsNotLimited() {
        Object counts = r.range(300_000).group(x -> x.mod(3)).count().ungroup().map(g -> g.g("reduction"))
                .run(conn).single();
        assertThat(counts).isEqualTo(List.of(100_000L, 100_000L, 100_000L));
    }

    @Test
    void keysAndValuesOfAnObjectOverTheLimit() {
        var big = r.range(150_000).map(i -> r.array(i.coerceTo("string"), i)).coerceTo("object");
        assertThatThrownBy(() -> big.keys().run(conn))
                .isInstanceOf(ReqlResourceLimitError.class).hasMessageStartingWith(ARRAY_OVER_LIMIT);
        assertThatThrownBy(() -> big.values().run(conn))
                .isInstanceOf(ReqlResourceLimitError.class).hasMessageStartingWith(ARRAY_OVER_LIMIT);
        assertThatThrownBy(() -> big.coerceTo("array").run(conn))
                .isInstanceOf(ReqlResourceLimitError.class).hasMessageStartingWith(ARRAY_OVER_LIMIT);
        assertThat(big.keys().count().run(conn, OptArgs.of("array_limit", 200_000)).single())
                .isEqualTo(150_000L);
    }

    @Test
    void keysWithinTheLimitStillWork() {
        assertThat(r.expr(r.hashMap("a", 1).with("b", 2)).keys().run(conn).single()).isEqualTo(List.of("a", "b"));
    }
}
