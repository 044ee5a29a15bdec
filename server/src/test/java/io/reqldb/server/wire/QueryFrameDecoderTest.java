package io.reqldb.server.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Framing: token, length, JSON; fed whole, in pieces, and over the size limit. */
class QueryFrameDecoderTest {

    private static ByteBuf frame(long token, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return Unpooled.buffer().writeLongLE(token).writeIntLE(body.length).writeBytes(body);
    }

    @Test
    void decode_bytesOneAtATime_yieldsEachFrameOnce() {
        EmbeddedChannel ch = new EmbeddedChannel(new QueryFrameDecoder());
        ByteBuf input = Unpooled.wrappedBuffer(frame(1, "[1,1,{}]"), frame(0x0102030405060708L, "[2]"));
        while (input.isReadable()) {
            ch.writeInbound(input.readRetainedSlice(1));
        }
        input.release();
        QueryFrame first = ch.readInbound();
        QueryFrame second = ch.readInbound();
        assertThat(first.token()).isEqualTo(1);
        assertThat(new String(first.payload(), StandardCharsets.UTF_8)).isEqualTo("[1,1,{}]");
        assertThat(second.token()).isEqualTo(0x0102030405060708L);
        assertThat(new String(second.payload(), StandardCharsets.UTF_8)).isEqualTo("[2]");
        assertThat((Object) ch.readInbound()).isNull();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void decode_emptyBody_isAFrame() {
        EmbeddedChannel ch = new EmbeddedChannel(new QueryFrameDecoder());
        ch.writeInbound(frame(7, ""));
        QueryFrame f = ch.readInbound();
        assertThat(f.payload()).isEmpty();
    }

    @Test
    void decode_oversized_skipsTheBodyThenReportsOnceAndDropsTheRest() {
        EmbeddedChannel ch = new EmbeddedChannel(new QueryFrameDecoder(16, 1024));
        ch.writeInbound(Unpooled.buffer().writeLongLE(9).writeIntLE(100).writeBytes(new byte[60]));
        assertThat((Object) ch.readInbound()).as("still skipping the body").isNull();
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[40]));
        assertThat((OversizedQuery) ch.readInbound()).isEqualTo(new OversizedQuery(9, 100));
        ch.writeInbound(frame(10, "[1,1]"));
        assertThat((Object) ch.readInbound()).as("nothing after a refusal").isNull();
        ch.finish();
    }

    @Test
    void decode_lengthAtTheLimit_isOversized() {
        EmbeddedChannel ch = new EmbeddedChannel(new QueryFrameDecoder(16, 1024));
        ch.writeInbound(Unpooled.buffer().writeLongLE(3).writeIntLE(16).writeBytes(new byte[16]));
        assertThat((OversizedQuery) ch.readInbound()).isEqualTo(new OversizedQuery(3, 16));
        ch.finish();
    }

    @Test
    void decode_lengthBeyondTheDiscardLimit_isReportedAtOnce() {
        EmbeddedChannel ch = new EmbeddedChannel(new QueryFrameDecoder());
        // 0xFFFFFFFF: 4 GB declared, far past the 1 GB worth skipping.
        ch.writeInbound(Unpooled.buffer().writeLongLE(5).writeIntLE(-1));
        assertThat((OversizedQuery) ch.readInbound()).isEqualTo(new OversizedQuery(5, 0xFFFFFFFFL));
        ch.finish();
    }
}
