package io.reqldb.server.it;

import static com.rethinkdb.RethinkDB.r;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rethinkdb.gen.ast.ReqlExpr;
import com.rethinkdb.gen.exc.ReqlResourceLimitError;
import com.rethinkdb.net.Connection;
import io.reqldb.server.wire.RawWireClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #10: answers being encoded or waiting to be written hold their bytes from the server's
 * query memory pool. The server runs with a 256 MB heap (a 102 MB budget per query, 154 MB for
 * the pool) and {@code -XX:+ExitOnOutOfMemoryError}. An answer of 50 copies of one 1 MB string
 * holds 1 MB as a value and 50 MB encoded: each is within its query's budget, and without the
 * pool's charge any number of them could sit in memory at once, waiting for clients that do not
 * read (before, the third such answer here was encoded as if memory were free).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AnswerPoolTest {
    private static final String FILLER = "y".repeat(1 << 20);
    private static final int COPIES = 50;
    /** Clients that ask for a big answer and never read it. */
    private static final int STALLED = 2;

    @TempDir
    Path dataDir;

    @Test
    void answersWaitingForSlowClientsFillThePoolAndTheNextGetsAResourceLimitError() throws Exception {
        Process server = StandaloneServer.launch(dataDir, "-Xmx256m", "-XX:+ExitOnOutOfMemoryError");
        List<RawWireClient> stalled = new ArrayList<>();
        try {
            int port = StandaloneServer.port(server);
            String bigAnswer = "[1,[26,[[2,[\"" + FILLER + "\"]]," + COPIES + "]],{}]";
            for (int i = 0; i < STALLED; i++) {
                RawWireClient client = new RawWireClient("127.0.0.1", port);
                stalled.add(client);
                client.send(1, bigAnswer);
                // The answer is encoded in full before its first bytes go out; the client reads
                // no further, so the server holds the rest until the connection closes.
                assertThat(client.readHeader()).as("a stalled answer").isGreaterThan(COPIES * FILLER.length());
            }
            try (Connection c = connect(port)) {
                assertThatThrownBy(() -> big().run(c)).isInstanceOf(ReqlResourceLimitError.class)
                        .hasMessageStartingWith("Query memory exhausted: running queries hold `");
                assertThat(r.expr(1).add(1).run(c).single()).as("small answers still go out").isEqualTo(2L);
                for (RawWireClient client : stalled) {
                    client.close();
                }
                stalled.clear();
                // Their answers are dropped with their connections, and their bytes given back.
                List<?> answer = answerOnceThePoolHasRoom(c);
                assertThat(answer).hasSize(COPIES);
            }
            assertThat(server.isAlive()).as("no OutOfMemoryError stopped the server").isTrue();
        } finally {
            for (RawWireClient client : stalled) {
                client.close();
            }
            server.destroyForcibly();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static ReqlExpr big() {
        return r.expr(r.array(FILLER)).mul(COPIES);
    }

    /** Closed connections' answers are released once the server notices the close. */
    private static List<?> answerOnceThePoolHasRoom(Connection c) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return (List<?>) big().run(c).single();
            } catch (ReqlResourceLimitError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private static Connection connect(int port) {
        return r.connection().hostname("127.0.0.1").port(port).connect();
    }
}
