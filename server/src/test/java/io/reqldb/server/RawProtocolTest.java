package io.reqldb.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.reqldb.server.auth.InMemoryUserStore;
import io.reqldb.server.wire.RawWireClient;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What drivers never send, over a bare socket to a real server: the server answers as RethinkDB does and survives. */
class RawProtocolTest {
    private static final long MAX_QUERY_BYTES = 4096;
    private static StubEngine engine;
    private static ReqlServer server;

    @BeforeAll
    static void start() throws InterruptedException {
        engine = new StubEngine();
        server = new ReqlServer(ServerConfig.builder().driverPort(0).queryThreads(2).feedThreads(4)
                .maxQueryBytes(MAX_QUERY_BYTES).build(), engine, InMemoryUserStore.withAdmin("")).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A raw client that gives up on a read after 10 s rather than hang the build. */
    private static RawWireClient client() throws IOException {
        return new RawWireClient("127.0.0.1", server.port()).readTimeout(10_000);
    }

    @Test
    void continueAndStop_unknownToken_areClientErrors() throws IOException {
        try (RawWireClient c = client()) {
            c.send(5, "[2]");
            assertThat(c.read()).isEqualTo(new RawWireClient.Frame(5, "{\"t\":16,\"r\":[\"Token 5 not in stream cache.\"],\"b\":[]}"));
            c.send(6, "[3]");
            assertThat(c.read()).isEqualTo(new RawWireClient.Frame(6, "{\"t\":16,\"r\":[\"Token 6 not in stream cache.\"],\"b\":[]}"));
        }
    }

    @Test
    void malformedJson_isAClientErrorAndTheConnectionLives() throws IOException {
        try (RawWireClient c = client()) {
            c.send(1, "[1,");
            assertThat(c.read().json()).isEqualTo("{\"t\":16,\"r\":[\"Client is buggy (failed to deserialize query).\"],\"b\":[]}");
            c.send(2, "{\"a\":1}");
            assertThat(c.read().json()).contains("Expected a query to be an array, but found OBJECT.");
            c.send(3, "[1,7,{}]");
            assertThat(c.read()).isEqualTo(new RawWireClient.Frame(3, "{\"t\":1,\"r\":[7]}"));
        }
    }

    @Test
    void stream_continueThenStop_answersLikeRethinkDb() throws IOException {
        try (RawWireClient c = client()) {
            c.send(9, "[1,[173,[]],{\"max_batch_rows\":8}]");
            assertThat(c.read().json()).isEqualTo("{\"t\":3,\"r\":[0,1],\"n\":[]}");
            c.send(9, "[2]");
            assertThat(c.read().json()).isEqualTo("{\"t\":3,\"r\":[2,3,4,5,6,7,8,9],\"n\":[]}");
            c.send(9, "[1,1]");
            assertThat(c.read().json()).contains("ERROR: duplicate token 9");
            c.send(9, "[3]");
            assertThat(c.read()).isEqualTo(new RawWireClient.Frame(9, "{\"t\":2,\"r\":[],\"n\":[]}"));
            c.send(9, "[2]");
            assertThat(c.read().json()).contains("Token 9 not in stream cache.");
        }
    }

    @Test
    void stop_duringABlockedFeedRead_answersTheReadThenTheStop() throws IOException {
        try (RawWireClient c = client()) {
            c.send(3, "[1,[15,[\"feed\"]]]");
            assertThat(c.read().json()).isEqualTo("{\"t\":3,\"r\":[],\"n\":[1]}");
            c.send(3, "[2]");
            c.send(3, "[3]");
            assertThat(c.read()).isEqualTo(new RawWireClient.Frame(3, "{\"t\":2,\"r\":[],\"n\":[]}"));
            assertThat(c.read()).isEqualTo(new RawWireClient.Frame(3, "{\"t\":2,\"r\":[],\"n\":[]}"));
        }
    }

    @Test
    void noreply_getsNoAnswerAndNoreplyWaitWaitsForIt() throws IOException {
        try (RawWireClient c = client()) {
            c.send(1, "[1,[11,[\"sleep:200\"]],{\"noreply\":true}]");
            c.send(2, "[4]");
            assertThat(c.read()).isEqualTo(new RawWireClient.Frame(2, "{\"t\":4,\"r\":[]}"));
            assertThat(engine.slowQueriesFinished).contains("sleep:200");
            c.send(3, "[5]");
            RawWireClient.Frame info = c.read();
            assertThat(info.token()).isEqualTo(3);
            assertThat(info.json()).startsWith("{\"t\":5,\"r\":[{\"id\":\"").endsWith("\",\"name\":\"reqldb\",\"proxy\":false}]}");
        }
    }

    @Test
    void profile_addsAnEmptyProfile() throws IOException {
        try (RawWireClient c = client()) {
            c.send(1, "[1,5,{\"profile\":true}]");
            assertThat(c.read().json()).isEqualTo("{\"t\":1,\"r\":[5],\"p\":[]}");
        }
    }

    @Test
    void oversizedQuery_isRefusedAndTheConnectionClosed() throws IOException {
        try (RawWireClient c = client()) {
            int size = (int) MAX_QUERY_BYTES + 100;
            c.sendRaw(ByteBuffer.allocate(12 + size).order(ByteOrder.LITTLE_ENDIAN).putLong(4).putInt(size).array());
            assertThat(c.read()).isEqualTo(new RawWireClient.Frame(4,
                    "{\"t\":16,\"r\":[\"Query size (4196) greater than maximum (4095).\"],\"b\":[]}"));
            assertThat(c.closedByServer()).isTrue();
        }
        assertServerStillServes();
    }

    @Test
    void garbageAfterHandshake_neverBreaksTheServer() throws IOException {
        Random random = new Random(42); // fixed seed: the same bytes every run
        for (int round = 0; round < 5; round++) {
            byte[] garbage = new byte[2000];
            random.nextBytes(garbage);
            try (RawWireClient c = client()) {
                c.sendRaw(garbage);
            }
        }
        assertServerStillServes();
    }

    private static void assertServerStillServes() throws IOException {
        try (RawWireClient c = client()) {
            c.send(1, "[1,\"alive\"]");
            assertThat(c.read().json()).isEqualTo("{\"t\":1,\"r\":[\"alive\"]}");
        }
    }
}
