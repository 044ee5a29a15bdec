package io.reqldb.server.it;

import static com.rethinkdb.RethinkDB.r;
import static org.assertj.core.api.Assertions.assertThat;

import com.rethinkdb.net.Connection;
import io.reqldb.server.wire.RawWireClient;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #10: a value a query nests 200,000 deep came back as an internal error with Jackson's
 * message. RethinkDB 2.4 has no nesting limit (datum.cc grows its stack on demand,
 * {@code call_with_enough_stack}) and returns such a value as it is; so do we.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DeepNestingTest {
    private static final int DEPTH = 200_000;

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
    void aDeeplyNestedValueIsWrittenAsJson() {
        // The official driver's own JSON reader stops at 1,000 levels, so the server measures
        // the text it writes for the value.
        Object length = r.range(DEPTH).fold(r.array(), (acc, x) -> r.array(acc)).coerceTo("string").count()
                .run(conn).single();
        assertThat(length).isEqualTo(2L * (DEPTH + 1));
    }

    @Test
    void aDeeplyNestedValueIsReturnedAsItIs() throws Exception {
        try (RawWireClient c = new RawWireClient("127.0.0.1", server.port()).readTimeout(60_000)) {
            // r.range(DEPTH).fold([], (acc, x) => [acc]): FOLD 187, RANGE 173, MAKE_ARRAY 2, FUNC 69, VAR 10.
            c.send(1, "[1,[187,[[173,[" + DEPTH + "]],[2,[]],[69,[[2,[1,2]],[2,[[10,[1]]]]]]]]]");
            String nested = "[".repeat(DEPTH + 1) + "]".repeat(DEPTH + 1);
            assertThat(c.read()).isEqualTo(new RawWireClient.Frame(1, "{\"t\":1,\"r\":[" + nested + "]}"));
        }
    }
}
