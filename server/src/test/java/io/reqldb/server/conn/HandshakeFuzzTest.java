package io.reqldb.server.conn;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.reqldb.datum.Datum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.query.QueryResult;
import io.reqldb.query.limits.QueryLimits;
import io.reqldb.query.stats.ServerActivity;
import io.reqldb.server.auth.InMemoryUserStore;
import io.reqldb.server.wire.HandshakeJson;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;

/**
 * Any bytes a client sends before it is authenticated, cut into pieces anywhere: the handshake
 * either waits for more, answers, or answers with an error and closes. It never closes without
 * saying why, which is what an unexpected exception (caught by the handler and turned into a
 * silent close) would look like from the client's side; the one exception is RethinkDB's own:
 * a message that is JSON but not an object ends the connection without a word (server.cc fails
 * looking up a field in it, and its catch-all closes).
 */
class HandshakeFuzzTest {
    private static final WorkerPools POOLS = new WorkerPools(1, 1);
    /** A password no input will guess, so the fuzzer stays in the handshake. */
    private static final ServerContext SERVER = new ServerContext(
            (term, optargs, session) -> new QueryResult.Atom(NumberDatum.of(1)),
            InMemoryUserStore.withAdmin("not-guessable-" + UUID.randomUUID()), POOLS,
            new ServerIdentity(UUID.randomUUID(), "fuzz"), "2.4.4", 1 << 20, 1024, new AtomicLong(),
            QueryLimits.fromHeap(), new ServerActivity());

    @AfterAll
    static void closePools() {
        POOLS.close();
    }

    @FuzzTest
    void answersOrFailsWithAMessage(FuzzedDataProvider data) {
        EmbeddedChannel ch = new EmbeddedChannel(new HandshakeHandler(SERVER));
        StringBuilder written = new StringBuilder();
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        try {
            int pieces = data.consumeInt(1, 4);
            for (int i = 0; i < pieces && ch.isActive(); i++) {
                byte[] piece = i == pieces - 1 ? data.consumeRemainingAsBytes() : data.consumeBytes(data.consumeInt(0, 64));
                sent.writeBytes(piece);
                ch.writeInbound(Unpooled.wrappedBuffer(piece));
                drain(ch, written);
            }
            if (!ch.isActive() && !sentJsonThatIsNotAnObject(sent.toByteArray())) {
                String text = written.toString();
                assertThat(text.startsWith("ERROR: ") || text.contains("\"success\":false"))
                        .as("closed without an error message after writing %s", text)
                        .isTrue();
                assertThat(text).endsWith("\0");
            }
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    /** Whether a null-terminated message after the 4-byte magic is JSON other than an object. */
    private static boolean sentJsonThatIsNotAnObject(byte[] sent) {
        int start = 4;
        for (int i = start; i < sent.length; i++) {
            if (sent[i] == 0) {
                try {
                    Datum message = HandshakeJson.parse(Arrays.copyOfRange(sent, start, i));
                    if (!(message instanceof ObjectDatum)) {
                        return true;
                    }
                } catch (HandshakeJson.Refused notJson) {
                    // answered with "Invalid JSON object." or the like: not the silent case
                }
                start = i + 1;
            }
        }
        return false;
    }

    private static void drain(EmbeddedChannel ch, StringBuilder into) {
        ByteBuf b;
        while ((b = ch.readOutbound()) != null) {
            into.append(b.toString(StandardCharsets.UTF_8));
            b.release();
        }
    }
}
