package io.reqldb.server.conn;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.reqldb.datum.Datum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.query.QueryResult;
import io.reqldb.query.limits.QueryLimits;
import io.reqldb.query.stats.ServerActivity;
import io.reqldb.server.auth.InMemoryUserStore;
import io.reqldb.server.auth.ScramCrypto;
import io.reqldb.server.wire.ProtocolMagic;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The handshake byte for byte, as a driver sees it, on an in-memory channel. */
class HandshakeHandlerTest {
    private final WorkerPools pools = new WorkerPools(1, 1);
    private final InMemoryUserStore users = InMemoryUserStore.withAdmin("");
    /** Terms the engine was given: proof that bytes after the handshake reached the query layer. */
    private final CompletableFuture<Datum> firstTerm = new CompletableFuture<>();
    /**
     * Holds the engine's answer until the channel is closed: an embedded channel is not
     * thread-safe, so no worker may write to it while the test reads its output.
     */
    private final CountDownLatch testDone = new CountDownLatch(1);
    private final ServerContext server = new ServerContext((term, optargs, session) -> {
        firstTerm.complete(term);
        try {
            testDone.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new QueryResult.Atom(NumberDatum.of(1));
    }, users, pools, new ServerIdentity(UUID.randomUUID(), "test"), "2.4.4", 1 << 20, 1024, new AtomicLong(),
            QueryLimits.fromHeap(), new ServerActivity());
    private final EmbeddedChannel ch = new EmbeddedChannel(new HandshakeHandler(server));

    @AfterEach
    void closePools() {
        ch.finishAndReleaseAll();
        testDone.countDown();
        pools.close();
    }

    private static ByteBuf magic(int magic) {
        return Unpooled.buffer().writeIntLE(magic);
    }

    private static ByteBuf text(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    /** Everything the server wrote so far, as text. */
    private String written() {
        StringBuilder out = new StringBuilder();
        ByteBuf b;
        while ((b = ch.readOutbound()) != null) {
            out.append(b.toString(StandardCharsets.UTF_8));
            b.release();
        }
        return out.toString();
    }

    @Test
    void v1_fullScramExchange_authenticatesAndPassesLaterBytesOn() throws Exception {
        ch.writeInbound(magic(ProtocolMagic.V1_0));
        assertThat(written()).isEqualTo(
                "{\"max_protocol_version\":0,\"min_protocol_version\":0,\"server_version\":\"2.4.4\",\"success\":true}\0");

        String clientFirstBare = "n=admin,r=clientnonce";
        ch.writeInbound(text("{\"protocol_version\":0,\"authentication_method\":\"SCRAM-SHA-256\","
                + "\"authentication\":\"n,," + clientFirstBare + "\"}\0"));
        String reply = written();
        assertThat(reply).startsWith("{\"authentication\":\"r=clientnonce").endsWith(",i=4096\",\"success\":true}\0");
        String serverFirst = reply.substring("{\"authentication\":\"".length(), reply.indexOf("\",\"success\""));
        String nonce = serverFirst.substring(2, serverFirst.indexOf(",s="));
        byte[] salt = Base64.getDecoder().decode(serverFirst.substring(serverFirst.indexOf(",s=") + 3, serverFirst.indexOf(",i=")));

        String finalBare = "c=biws,r=" + nonce;
        String authMessage = clientFirstBare + "," + serverFirst + "," + finalBare;
        byte[] salted = ScramCrypto.saltedPassword("", salt, 4096);
        byte[] clientKey = ScramCrypto.hmac(salted, "Client Key");
        byte[] proof = ScramCrypto.xor(clientKey, ScramCrypto.hmac(ScramCrypto.sha256(clientKey), authMessage));
        String expectedSignature = Base64.getEncoder().encodeToString(
                ScramCrypto.hmac(ScramCrypto.hmac(salted, "Server Key"), authMessage));

        // The final message and a first query in one packet, as pipelining drivers may send them.
        byte[] query = "[1,1,{}]".getBytes(StandardCharsets.UTF_8);
        ByteBuf packet = Unpooled.buffer();
        packet.writeCharSequence("{\"authentication\":\"" + finalBare + ",p="
                + Base64.getEncoder().encodeToString(proof) + "\"}\0", StandardCharsets.UTF_8);
        packet.writeLongLE(77).writeIntLE(query.length).writeBytes(query);
        ch.writeInbound(packet);
        assertThat(ch.pipeline().get(HandshakeHandler.class)).isNull();
        assertThat(ch.pipeline().get(ConnectionHandler.class)).isNotNull();

        assertThat(written()).isEqualTo("{\"authentication\":\"v=" + expectedSignature + "\",\"success\":true}\0");
        assertThat(firstTerm.get(5, TimeUnit.SECONDS)).isEqualTo(NumberDatum.of(1));
    }

    @Test
    void v1_wrongPassword_sendsErrorAndCloses() {
        ch.writeInbound(magic(ProtocolMagic.V1_0));
        written();
        ch.writeInbound(text("{\"protocol_version\":0,\"authentication_method\":\"SCRAM-SHA-256\","
                + "\"authentication\":\"n,,n=admin,r=abc\"}\0"));
        String serverFirst = written();
        String nonce = serverFirst.substring(serverFirst.indexOf("r=") + 2, serverFirst.indexOf(",s="));
        ch.writeInbound(text("{\"authentication\":\"c=biws,r=" + nonce + ",p="
                + Base64.getEncoder().encodeToString(new byte[32]) + "\"}\0"));
        assertThat(written()).isEqualTo("{\"error\":\"Wrong password\",\"error_code\":12,\"success\":false}\0");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void v1_unsupportedMethod_isCode4() {
        ch.writeInbound(magic(ProtocolMagic.V1_0));
        written();
        ch.writeInbound(text("{\"protocol_version\":0,\"authentication_method\":\"PLAIN\",\"authentication\":\"x\"}\0"));
        assertThat(written()).isEqualTo("{\"error\":\"Unsupported `authentication_method`.\",\"error_code\":4,\"success\":false}\0");
    }

    @Test
    void v1_notJson_isCode8() {
        ch.writeInbound(magic(ProtocolMagic.V1_0));
        written();
        ch.writeInbound(text("{nope\0"));
        assertThat(written()).isEqualTo("{\"error\":\"Invalid JSON object.\",\"error_code\":8,\"success\":false}\0");
    }

    /** A first message RethinkDB refuses: the text it carries, the code and the error RethinkDB answers. */
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"protocol_version":0,"protocol_version":0,"authentication_method":"SCRAM-SHA-256","authentication":"n,,n=admin,r=a"} | 9 | Failed to convert JSON to datum.
            {"protocol_version":0,"authentication_method":"SCRAM-SHA-256","authentication":"n,,n=admin,r=a","authentication":"x"} | 9 | Failed to convert JSON to datum.
            {"protocol_version":0,"authentication_method":"SCRAM-SHA-256","authentication":"n,,n=admin,r=a","x":{"$reql_type$":"NOPE"}} | 9 | Failed to convert JSON to datum.
            {"protocol_version":0,"authentication_method":"SCRAM-SHA-256","authentication":"n,,n=admin,r=a"} trailing | 8 | Invalid JSON object.
            {"protocol_version":0,"authentication_method":"SCRAM-SHA-256","authentication":"n,,n=admin,r=a"}} | 8 | Invalid JSON object.
            {"protocol_version":1e400,"authentication_method":"SCRAM-SHA-256","authentication":"n,,n=admin,r=a"} | 8 | Invalid JSON object.
            {"protocol_version":0,'authentication_method':"SCRAM-SHA-256"} | 8 | Invalid JSON object.
            {"protocol_version":NaN} | 8 | Invalid JSON object.
            {"protocol_version":"0","authentication_method":"SCRAM-SHA-256","authentication":"n,,n=admin,r=a"} | 1 | Expected a number for `protocol_version`.
            {"authentication_method":"SCRAM-SHA-256","authentication":"n,,n=admin,r=a"} | 1 | Expected a number for `protocol_version`.
            {"protocol_version":1,"authentication_method":"SCRAM-SHA-256","authentication":"n,,n=admin,r=a"} | 2 | Unsupported `protocol_version`.
            {"protocol_version":0,"authentication_method":["SCRAM-SHA-256"],"authentication":"n,,n=admin,r=a"} | 3 | Expected a string for `authentication_method`.
            {"protocol_version":0,"authentication_method":"SCRAM-SHA-256","authentication":5} | 5 | Expected a string for `authentication`.
            {"protocol_version":0,"authentication_method":"SCRAM-SHA-256","authentication":"n,n=admin,r=a"} | 10 | Invalid encoding
            {"protocol_version":0,"authentication_method":"SCRAM-SHA-256","authentication":"n=admin,r=a"} | 15 | Channel binding is not supported
            {"protocol_version":0,"authentication_method":"SCRAM-SHA-256","authentication":"p=tls,,n=admin,r=a"} | 15 | Channel binding is not supported
            """)
    void v1_firstMessageRefused_answersRethinkDbsErrorAndCloses(String message, int code, String error) {
        ch.writeInbound(magic(ProtocolMagic.V1_0));
        written();
        ch.writeInbound(text(message + "\0"));
        assertThat(written()).isEqualTo("{\"error\":\"" + error + "\",\"error_code\":" + code + ",\"success\":false}\0");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void v1_invalidUtf8InAString_isCode9() {
        ch.writeInbound(magic(ProtocolMagic.V1_0));
        written();
        ch.writeInbound(text("{\"protocol_version\":0,\"x\":\"").writeByte(0xC3).writeByte(0x28)
                .writeBytes(text("\"}\0")));
        assertThat(written()).isEqualTo("{\"error\":\"Failed to convert JSON to datum.\",\"error_code\":9,\"success\":false}\0");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void v1_firstMessageNotAnObject_closesWithoutAnswer() {
        ch.writeInbound(magic(ProtocolMagic.V1_0));
        written();
        ch.writeInbound(text("[0,\"SCRAM-SHA-256\"]\0"));
        assertThat(written()).isEmpty();
        assertThat(ch.isOpen()).isFalse();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"authentication":"c=biws,r=x,p=AAAA","authentication":"c=biws,r=x,p=AAAA"} | 9 | Failed to convert JSON to datum.
            {"authentication":"c=biws,r=x,p=AAAA"}x | 8 | Invalid JSON object.
            {"authentication":null} | 5 | Expected a string for `authentication`.
            {} | 5 | Expected a string for `authentication`.
            {"authentication":"c=xyz"} | 10 | Invalid encoding
            {"authentication":"c=biws,r=x"} | 20 | Other error
            {"authentication":"c=biws,r=x,p=AAAA"} | 12 | Wrong password
            """)
    void v1_finalMessageRefused_answersRethinkDbsErrorAndCloses(String message, int code, String error) {
        ch.writeInbound(magic(ProtocolMagic.V1_0));
        written();
        ch.writeInbound(text("{\"protocol_version\":0,\"authentication_method\":\"SCRAM-SHA-256\","
                + "\"authentication\":\"n,,n=admin,r=abc\"}\0"));
        assertThat(written()).contains("\"success\":true");
        ch.writeInbound(text(message + "\0"));
        assertThat(written()).isEqualTo("{\"error\":\"" + error + "\",\"error_code\":" + code + ",\"success\":false}\0");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void v1_messageWithoutNulInBuffer_isCode7() {
        ch.writeInbound(magic(ProtocolMagic.V1_0));
        written();
        ch.writeInbound(text("x".repeat(3000)));
        assertThat(written()).isEqualTo("{\"error\":\"Limited read buffer size.\",\"error_code\":7,\"success\":false}\0");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void unknownMagic_isRefusedInText() {
        ch.writeInbound(text("GET / HTTP/1.1\r\n\r\n"));
        assertThat(written()).isEqualTo("ERROR: Received an unsupported protocol version. This port is for "
                + "RethinkDB queries. Does your client driver version not match the server?\n\0");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void protobufMagic_isRefused() {
        ch.writeInbound(magic(ProtocolMagic.V0_2));
        assertThat(written()).isEqualTo("ERROR: The PROTOBUF client protocol is no longer supported\n\0");
    }

    @Test
    void legacyV04_emptyKey_succeedsAsAdmin() {
        ch.writeInbound(magic(ProtocolMagic.V0_4).writeIntLE(0).writeIntLE(ProtocolMagic.PROTOCOL_JSON));
        assertThat(written()).isEqualTo("SUCCESS\0");
        assertThat(ch.pipeline().get(ConnectionHandler.class)).isNotNull();
    }

    @Test
    void legacyV04_wrongKey_isRefused() {
        byte[] key = "guess".getBytes(StandardCharsets.UTF_8);
        ch.writeInbound(magic(ProtocolMagic.V0_4).writeIntLE(key.length).writeBytes(key).writeIntLE(ProtocolMagic.PROTOCOL_JSON));
        assertThat(written()).isEqualTo("ERROR: Incorrect authorization key.\n\0");
    }

}
