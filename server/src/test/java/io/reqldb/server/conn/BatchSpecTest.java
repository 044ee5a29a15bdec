package io.reqldb.server.conn;

import static org.assertj.core.api.Assertions.assertThat;

import io.reqldb.server.wire.Query;
import io.reqldb.server.wire.QueryFrame;
import io.reqldb.server.wire.QueryParser;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Batch sizes follow RethinkDB: 1 MB, no row limit, and a first batch four times smaller. */
class BatchSpecTest {

    private static BatchSpec of(String optargs) {
        Query q = QueryParser.parse(new QueryFrame(1, ("[1,1," + optargs + "]").getBytes(StandardCharsets.UTF_8)));
        return BatchSpec.of(q);
    }

    @Test
    void defaults_areRethinkDbs() {
        BatchSpec spec = of("{}");
        assertThat(spec.maxRows()).isEqualTo(Integer.MAX_VALUE);
        assertThat(spec.firstRows()).isEqualTo(Integer.MAX_VALUE);
        assertThat(spec.maxBytes()).isEqualTo(1024 * 1024);
        assertThat(spec.firstBytes()).isEqualTo(256 * 1024);
    }

    @Test
    void maxBatchRows_scalesTheFirstBatchDownButNeverToZero() {
        assertThat(of("{\"max_batch_rows\":10}").firstRows()).isEqualTo(2);
        assertThat(of("{\"max_batch_rows\":1}").firstRows()).isEqualTo(1);
        assertThat(of("{\"max_batch_rows\":10,\"first_batch_scaledown_factor\":1}").firstRows()).isEqualTo(10);
    }

    @Test
    void nonsense_fallsBackToDefaults() {
        BatchSpec spec = of("{\"max_batch_rows\":0,\"max_batch_bytes\":\"x\",\"first_batch_scaledown_factor\":-3}");
        assertThat(spec).isEqualTo(of("{}"));
    }
}
