package io.reqldb.query.terms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.reqldb.query.EngineHarness;
import io.reqldb.query.error.ReqlPermissionError;
import io.reqldb.query.error.ReqlResourceLimitError;
import io.reqldb.query.terms.http.AddressRules;
import io.reqldb.query.terms.http.HttpAccess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import javax.net.SocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * r.http beyond RethinkDB: only addresses the server's rules allow, checked on the resolved
 * address before connecting (redirects too); bodies capped as they stream in (gzip included);
 * the timeout bounds the whole transfer. Only loopback is ever contacted: the refused addresses
 * are refused before any socket exists, which the counting socket factory proves.
 */
class HttpSafetyTest {
    private static final long HUGE = 1_200_000_000L;

    private HttpServer server;
    private String base;
    private final AtomicInteger requests = new AtomicInteger();
    private final CountingSockets sockets = new CountingSockets();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/text", ex -> reply(ex, "hello".getBytes(StandardCharsets.UTF_8), null));
        server.createContext("/five", ex -> reply(ex, "5".getBytes(StandardCharsets.UTF_8), null));
        server.createContext("/to-metadata", ex -> {
            ex.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.createContext("/huge-chunked", ex -> stream(ex, 0));
        server.createContext("/huge-declared", ex -> stream(ex, HUGE));
        server.createContext("/gzip-bomb", ex -> reply(ex, gzipOfZeros(100 << 20), "gzip"));
        server.createContext("/trickle", ex -> {
            ex.getResponseHeaders().add("Content-Type", "text/plain");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 50; i++) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException gone) {
                // the client gave up, as it should
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private EngineHarness engine(boolean publicBind, List<String> allow) {
        return new EngineHarness(null, new HttpAccess(AddressRules.of(publicBind, allow, List.of()),
                HttpAccess.DEFAULT_MAX_BODY_BYTES, sockets));
    }

    private static String http(EngineHarness reql, String url, String optargs) {
        return reql.run("[153,[\"" + url + "\"]" + (optargs == null ? "" : "," + optargs) + "]");
    }

    @Test
    void byDefault_thisHostAndLinkLocal_areRefusedBeforeConnecting() {
        EngineHarness reql = engine(false, List.of());
        for (String url : List.of(base + "/text", "http://169.254.169.254/latest/meta-data/",
                "http://[::1]:" + server.getAddress().getPort() + "/text", "http://0.0.0.0:1/", "http://[fe80::1]/",
                "http://localhost:" + server.getAddress().getPort() + "/text")) {
            assertThatThrownBy(() -> http(reql, url, null)).isInstanceOf(ReqlPermissionError.class)
                    .hasMessageStartingWith("Error in HTTP GET of `" + url + "`: connecting to ")
                    .hasMessageEndingWith("; the server's --http-allow can permit it).");
        }
        assertThatThrownBy(() -> http(reql, "http://169.254.169.254/", null))
                .hasMessage("Error in HTTP GET of `http://169.254.169.254/`: connecting to 169.254.169.254 is not "
                        + "allowed (link-local; the server's --http-allow can permit it).");
        assertThat(sockets.made).hasValue(0);
        assertThat(requests).hasValue(0);
    }

    @Test
    void publicServers_alsoRefusePrivateRanges_andAllowsWin() throws Exception {
        AddressRules loopbackServer = AddressRules.of(false, List.of(), List.of());
        AddressRules publicServer = AddressRules.of(true, List.of("10.1.0.0/16"), List.of("203.0.113.0/24"));
        for (String a : List.of("10.0.0.1", "172.16.5.4", "192.168.1.1", "fd00::1")) {
            assertThat(loopbackServer.refusal(InetAddress.getByName(a))).isNull();
            assertThat(publicServer.refusal(InetAddress.getByName(a))).isEqualTo("private");
        }
        assertThat(publicServer.refusal(InetAddress.getByName("10.1.2.3"))).isNull();
        assertThat(publicServer.refusal(InetAddress.getByName("203.0.113.9"))).isEqualTo("denied by --http-deny 203.0.113.0/24");
        assertThat(publicServer.refusal(InetAddress.getByName("127.0.0.1"))).isEqualTo("loopback");
        assertThat(publicServer.refusal(InetAddress.getByName("::ffff:127.0.0.1"))).isEqualTo("loopback");
        assertThat(publicServer.refusal(InetAddress.getByName("8.8.8.8"))).isNull();
        assertThatThrownBy(() -> http(engine(true, List.of()), "http://10.0.0.1/", null))
                .isInstanceOf(ReqlPermissionError.class).hasMessageContaining("(private;");
        assertThat(sockets.made).hasValue(0);
    }

    @Test
    void allowedLoopback_works_butARedirectToADeniedAddressIsRefused() {
        EngineHarness reql = engine(false, List.of("127.0.0.1/32"));
        assertThat(http(reql, base + "/text", null)).isEqualTo("\"hello\"");
        assertThat(sockets.made).hasValue(1);
        assertThatThrownBy(() -> http(reql, base + "/to-metadata", null)).isInstanceOf(ReqlPermissionError.class)
                .hasMessage("Error in HTTP GET of `" + base + "/to-metadata`: connecting to 169.254.169.254 is not "
                        + "allowed (link-local; the server's --http-allow can permit it).");
        assertThat(sockets.made).hasValue(2);
    }

    @Test
    void globalOptargs_runUnderTheServersSettingsToo() {
        EngineHarness reql = engine(false, List.of("127.0.0.1/32"));
        assertThatThrownBy(() -> reql.run("[2,[1,2,3,4,5,6]]",
                "{\"array_limit\":[153,[\"" + base + "/five\"],{\"result_format\":\"json\"}]}"))
                .hasMessageStartingWith("Array over size limit `5`.");
        assertThatThrownBy(() -> engine(true, List.of()).run("[2,[1]]",
                "{\"array_limit\":[153,[\"http://10.0.0.1/\"]]}")).isInstanceOf(ReqlPermissionError.class);
        assertThat(sockets.made).hasValue(1);
    }

    @Test
    void bodiesOverTheLimit_areAResourceLimitError_whetherStreamedDeclaredOrCompressed() {
        EngineHarness reql = engine(false, List.of("127.0.0.1/32"));
        String tooLarge = "`: the body is larger than the server's limit of 67108864 bytes (--http-max-body).";
        for (String path : List.of("/huge-chunked", "/huge-declared", "/gzip-bomb")) {
            assertThatThrownBy(() -> http(reql, base + path, null)).isInstanceOf(ReqlResourceLimitError.class)
                    .hasMessage("Error in HTTP GET of `" + base + path + tooLarge);
        }
        assertThat(http(reql, base + "/text", null)).isEqualTo("\"hello\"");
    }

    @Test
    void timeout_boundsTheWholeTransfer_evenWhenBytesKeepTrickling() {
        EngineHarness reql = engine(false, List.of("127.0.0.1/32"));
        assertThatThrownBy(() -> http(reql, base + "/trickle", "{\"timeout\":0.5}"))
                .hasMessage("Error in HTTP GET of `" + base + "/trickle`: timed out after 0.500 seconds.");
    }

    /** Sends zeros from one small buffer until the client leaves: chunked, or with a declared length. */
    private void stream(HttpExchange ex, long declared) {
        requests.incrementAndGet();
        byte[] zeros = new byte[64 * 1024];
        try (OutputStream out = ex.getResponseBody()) {
            ex.getResponseHeaders().add("Content-Type", "application/octet-stream");
            ex.sendResponseHeaders(200, declared);
            for (long sent = 0; sent < HUGE; sent += zeros.length) {
                out.write(zeros);
            }
        } catch (IOException gone) {
            // the client stopped reading at its limit
        }
    }

    private void reply(HttpExchange ex, byte[] body, String encoding) throws IOException {
        requests.incrementAndGet();
        ex.getResponseHeaders().add("Content-Type", "text/plain");
        if (encoding != null) {
            ex.getResponseHeaders().add("Content-Encoding", encoding);
        }
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        } catch (IOException gone) {
            // the client stopped reading at its limit
        }
    }

    private static byte[] gzipOfZeros(int n) throws IOException {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(packed)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < n; i += zeros.length) {
                gz.write(zeros);
            }
        }
        return packed.toByteArray();
    }

    /** The JDK's sockets, counted: what r.http connects goes through here. */
    private static final class CountingSockets extends SocketFactory {
        final AtomicInteger made = new AtomicInteger();

        @Override
        public Socket createSocket() {
            made.incrementAndGet();
            return new Socket();
        }

        @Override
        public Socket createSocket(String host, int port) {
            throw new UnsupportedOperationException("r.http must connect a socket it made itself");
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) {
            throw new UnsupportedOperationException("r.http must connect a socket it made itself");
        }

        @Override
        public Socket createSocket(InetAddress host, int port) {
            throw new UnsupportedOperationException("r.http must connect a socket it made itself");
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort) {
            throw new UnsupportedOperationException("r.http must connect a socket it made itself");
        }
    }
}
