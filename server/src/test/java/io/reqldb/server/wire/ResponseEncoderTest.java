package io.reqldb.server.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.ExtremeDatum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.StringDatum;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Response frames: header, and the JSON fields RethinkDB sends for each kind of response. */
class ResponseEncoderTest {

    private static String json(Response r, long expectedToken) {
        ByteBuf buf = ResponseEncoder.encode(ByteBufAllocator.DEFAULT, r);
        try {
            assertThat(buf.readLongLE()).isEqualTo(expectedToken);
            int length = buf.readIntLE();
            assertThat(length).isEqualTo(buf.readableBytes());
            return buf.toString(StandardCharsets.UTF_8);
        } finally {
            buf.release();
        }
    }

    @Test
    void atom_hasTypeAndValueOnly() {
        assertThat(json(Response.atom(3, NumberDatum.of(1)), 3)).isEqualTo("{\"t\":1,\"r\":[1]}");
    }

    @Test
    void batches_alwaysCarryNotes() {
        assertThat(json(Response.batch(-1, false, List.of(NumberDatum.of(1), NumberDatum.of(2)), List.of(1)), -1))
                .isEqualTo("{\"t\":3,\"r\":[1,2],\"n\":[1]}");
        assertThat(json(Response.stopped(8), 8)).isEqualTo("{\"t\":2,\"r\":[],\"n\":[]}");
    }

    @Test
    void runtimeError_hasErrorTypeAndBacktrace() {
        Response r = Response.error(2, ResponseType.RUNTIME_ERROR, 5000000, "boom",
                ArrayDatum.of(NumberDatum.of(0), new StringDatum("index")));
        assertThat(json(r, 2)).isEqualTo("{\"t\":18,\"e\":5000000,\"r\":[\"boom\"],\"b\":[0,\"index\"]}");
    }

    @Test
    void clientError_hasNoErrorType() {
        assertThat(json(Response.error(2, ResponseType.CLIENT_ERROR, ErrorType.QUERY_LOGIC, "Token 2 not in stream cache."), 2))
                .isEqualTo("{\"t\":16,\"r\":[\"Token 2 not in stream cache.\"],\"b\":[]}");
    }

    @Test
    void profile_isWrittenWhenAsked() {
        assertThat(json(Response.atom(1, NumberDatum.of(1)).withProfile(ArrayDatum.EMPTY), 1))
                .isEqualTo("{\"t\":1,\"r\":[1],\"p\":[]}");
    }

    @Test
    void valueWithoutJsonForm_becomesARuntimeError() {
        String out = json(Response.atom(6, ExtremeDatum.MIN), 6);
        assertThat(out).startsWith("{\"t\":18,\"e\":3000000,\"r\":[\"Cannot convert");
    }
}
