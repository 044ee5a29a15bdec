package io.reqldb.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rethinkdb.RethinkDB;
import com.rethinkdb.gen.exc.ReqlPermissionError;
import com.rethinkdb.gen.exc.ReqlResourceLimitError;
import com.rethinkdb.net.Connection;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve}'s r.http options, seen through the official driver against a loopback web server. */
class HttpFlagsTest {
    private static final RethinkDB r = RethinkDB.r;

    @TempDir
    Path tmp;

    private HttpServer web;
    private String base;

    @BeforeEach
    void startWeb() throws Exception {
        web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        web.createContext("/text", ex -> {
            byte[] body = (ex.getRequestURI().getPath().endsWith("big") ? "x".repeat(2048) : "hello").getBytes();
            ex.getResponseHeaders().add("Content-Type", "text/plain");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        web.start();
        base = "http://127.0.0.1:" + web.getAddress().getPort();
    }

    @AfterEach
    void stopWeb() {
        web.stop(0);
    }

    private ServeCommand.Running serve(String... flags) throws Exception {
        String[] args = new String[flags.length + 4];
        System.arraycopy(new String[] {"--directory", tmp.resolve("data").toString(), "--driver-port", "0"}, 0, args, 0, 4);
        System.arraycopy(flags, 0, args, 4, flags.length);
        ServeHarness h = new ServeHarness();
        ServeCommand.Running running = h.start(args);
        assertThat(running).as(h.err()).isNotNull();
        return running;
    }

    @Test
    void loopback_isRefusedByDefault_andReachableWithHttpAllow() throws Exception {
        try (ServeCommand.Running s = serve();
             Connection c = r.connection().hostname("127.0.0.1").port(s.server().port()).connect()) {
            assertThatThrownBy(() -> r.http(base + "/text").run(c)).isInstanceOf(ReqlPermissionError.class)
                    .hasMessageStartingWith("Error in HTTP GET of `" + base + "/text`: connecting to 127.0.0.1 is "
                            + "not allowed (loopback;");
        }
        try (ServeCommand.Running s = serve("--http-allow", "127.0.0.1/32", "--http-max-body", "1k");
             Connection c = r.connection().hostname("127.0.0.1").port(s.server().port()).connect()) {
            assertThat((Object) r.http(base + "/text").run(c, String.class).single()).isEqualTo("hello");
            assertThatThrownBy(() -> r.http(base + "/text/big").run(c)).isInstanceOf(ReqlResourceLimitError.class)
                    .hasMessageContaining("the body is larger than the server's limit of 1024 bytes");
        }
    }

    @Test
    void badBlocksAndSizes_areRefusedAtStart() throws Exception {
        ServeHarness h = new ServeHarness();
        assertThat(h.start("--directory", tmp.resolve("never").toString(), "--http-allow", "intranet")).isNull();
        assertThat(h.err()).isEqualTo("--http-allow/--http-deny: 'intranet' is not an IP address or CIDR block"
                + System.lineSeparator());
        ServeHarness h2 = new ServeHarness();
        assertThat(h2.start("--directory", tmp.resolve("never").toString(), "--http-max-body", "lots")).isNull();
        assertThat(h2.err()).startsWith("--http-max-body lots: expected a positive size");
        assertThat(tmp.resolve("never")).doesNotExist();
    }
}
