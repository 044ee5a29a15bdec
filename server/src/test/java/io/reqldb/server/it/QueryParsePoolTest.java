package io.reqldb.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.reqldb.server.wire.RawWireClient;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large query's frame is charged to the server's query memory pool while it is parsed (about
 * four times its length in the heap). The server runs with {@code serve}'s default 256 MB heap (a
 * pool of 154 MB) and {@code -XX:+ExitOnOutOfMemoryError}: before the charge, a 60 MB string
 * literal ran the heap out in the parser, and the client never got an answer.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class QueryParsePoolTest {
    /** RUNTIME_ERROR, RESOURCE_LIMIT: what the drivers raise as ReqlResourceLimitError. */
    private static final String RESOURCE_LIMIT = "\"t\":18,\"e\":2000000";

    @TempDir
    Path dataDir;

    @Test
    void aQueryTooLargeToParseInThePool_getsAResourceLimitError_andTheServerCarriesOn() throws Exception {
        Process server = StandaloneServer.launch(dataDir, "-Xmx256m", "-XX:+ExitOnOutOfMemoryError");
        try (RawWireClient client = new RawWireClient("127.0.0.1", StandaloneServer.port(server))) {
            client.send(1, countOfString(60_000_000));
            RawWireClient.Frame refused = client.read();
            assertThat(refused.token()).isEqualTo(1);
            assertThat(refused.json()).contains(RESOURCE_LIMIT, "Query size (600000",
                    "too large for the server's query memory", "Start the server with a larger `--query-memory`.");

            client.send(2, countOfString(20_000_000));
            assertThat(client.read().json()).as("a large query that fits is parsed and run")
                    .isEqualTo("{\"t\":1,\"r\":[20000000]}");
            assertThat(server.isAlive()).as("no OutOfMemoryError stopped the server").isTrue();
        } finally {
            server.destroyForcibly();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** {@code r.expr("xxx...").count()} as a START frame's JSON. */
    private static String countOfString(int length) {
        return "[1,[43,[\"" + "x".repeat(length) + "\"]],{}]";
    }
}
