package io.reqldb.server.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Any byte stream after the handshake, cut into pieces anywhere: the frame decoder yields exactly
 * the frames (and the one refusal of an oversized frame) that a plain reading of the stream
 * gives, and the query parser turns each frame into a query or a {@link MalformedQueryException}.
 */
class QueryFrameFuzzTest {
    private static final int MAX_QUERY = 256;
    private static final int DISCARD_LIMIT = 1024;

    @FuzzTest
    void decodesWhatAPlainReadingDecodesAndParsesOrRefuses(FuzzedDataProvider data) {
        int[] cuts = {data.consumeInt(0, 64), data.consumeInt(0, 64), data.consumeInt(0, 64)};
        byte[] stream = data.consumeRemainingAsBytes();
        EmbeddedChannel ch = new EmbeddedChannel(new QueryFrameDecoder(MAX_QUERY, DISCARD_LIMIT));
        List<Object> decoded = new ArrayList<>();
        try {
            int at = 0;
            for (int cut : cuts) {
                int end = Math.min(stream.length, at + cut);
                ch.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(stream, at, end)));
                at = end;
            }
            ch.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(stream, at, stream.length)));
            for (Object o; (o = ch.readInbound()) != null; ) {
                decoded.add(o);
            }
        } finally {
            ch.finishAndReleaseAll();
        }

        List<Object> expected = plainReading(stream);
        assertThat(decoded).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            if (expected.get(i) instanceof QueryFrame want) {
                QueryFrame got = (QueryFrame) decoded.get(i);
                assertThat(got.token()).isEqualTo(want.token());
                assertThat(got.payload()).isEqualTo(want.payload());
                try {
                    QueryParser.parse(got);
                } catch (MalformedQueryException expectedForBadInput) {
                    // the client gets this message
                }
            } else {
                assertThat(decoded.get(i)).isEqualTo(expected.get(i));
            }
        }
    }

    /** The frames of a whole stream read in one go: the decoder's contract, without its states. */
    private static List<Object> plainReading(byte[] stream) {
        List<Object> out = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(stream).order(ByteOrder.LITTLE_ENDIAN);
        while (in.remaining() >= 12) {
            long token = in.getLong();
            long length = Integer.toUnsignedLong(in.getInt());
            if (length >= DISCARD_LIMIT) {
                out.add(new OversizedQuery(token, length));
                return out;
            }
            if (length >= MAX_QUERY) {
                if (in.remaining() >= length) {
                    out.add(new OversizedQuery(token, length));
                }
                return out;
            }
            if (in.remaining() < length) {
                return out;
            }
            byte[] payload = new byte[(int) length];
            in.get(payload);
            out.add(new QueryFrame(token, payload));
        }
        return out;
    }
}
