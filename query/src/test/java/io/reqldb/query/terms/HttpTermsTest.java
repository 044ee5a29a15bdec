package io.reqldb.query.terms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.reqldb.query.EngineHarness;
import io.reqldb.query.error.ReqlNonExistenceError;
import io.reqldb.query.error.ReqlResourceLimitError;
import io.reqldb.query.limits.QueryLimits;
import io.reqldb.query.terms.http.AddressRules;
import io.reqldb.query.terms.http.HttpAccess;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.SocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** r.http against a loopback server (allowed for these tests: by default it is refused). */
class HttpTermsTest {
    private final EngineHarness reql = new EngineHarness(null, new HttpAccess(
            AddressRules.of(false, List.of("127.0.0.1/32"), List.of()), HttpAccess.DEFAULT_MAX_BODY_BYTES,
            SocketFactory.getDefault()));
    private HttpServer server;
    private String base;
    private final AtomicInteger flaky = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/json", ex -> reply(ex, 200, "application/json", "{\"a\":[1,2]}"));
        server.createContext("/text", ex -> reply(ex, 200, "text/plain", "hello"));
        server.createContext("/jsonp", ex -> reply(ex, 200, "text/javascript", "cb({\"b\":true});"));
        server.createContext("/echo", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String q = ex.getRequestURI().getRawQuery();
            reply(ex, 200, "application/json", "{\"method\":\"" + ex.getRequestMethod() + "\",\"query\":\""
                    + (q == null ? "" : q) + "\",\"body\":\"" + body.replace("\"", "\\\"") + "\",\"h\":\""
                    + ex.getRequestHeaders().getFirst("X-Test") + "\"}");
        });
        server.createContext("/missing", ex -> reply(ex, 404, "text/plain", "nope"));
        server.createContext("/flaky", ex -> {
            if (flaky.incrementAndGet() < 3) {
                reply(ex, 503, "text/plain", "busy");
            } else {
                reply(ex, 200, "text/plain", "ok");
            }
        });
        server.createContext("/redirect", ex -> {
            ex.getResponseHeaders().add("Location", "/text");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.createContext("/slow", ex -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(ex, 200, "text/plain", "late");
        });
        server.createContext("/page", ex -> {
            String q = ex.getRequestURI().getRawQuery();
            int n = q == null ? 1 : Integer.parseInt(q.substring(q.indexOf('=') + 1));
            if (n < 3) {
                ex.getResponseHeaders().add("Link", "<" + base + "/page?n=" + (n + 1) + ">; rel=\"next\"");
            }
            reply(ex, 200, "application/json", "[" + n + "]");
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void reply(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private String http(String path, String optargs) {
        return reql.run("[153,[\"" + base + path + "\"]" + (optargs == null ? "" : "," + optargs) + "]");
    }

    @Test
    void resultFormats() {
        assertThat(http("/json", null)).isEqualTo("{\"a\":[1,2]}");
        assertThat(http("/text", null)).isEqualTo("\"hello\"");
        assertThat(http("/jsonp", null)).isEqualTo("{\"b\":true}");
        assertThat(http("/json", "{\"result_format\":\"text\"}")).isEqualTo("\"{\\\"a\\\":[1,2]}\"");
        assertThat(http("/text", "{\"result_format\":\"binary\"}")).contains("BINARY");
        assertThat(http("/text", "{\"method\":\"HEAD\"}")).isEqualTo("null");
    }

    @Test
    void aJsonBodyKeepsToTheArrayLimit() {
        // RethinkDB's worker converts the body through checked builders and reports the failure
        // as the request's error.
        assertThatThrownBy(() -> reql.run("[153,[\"" + base + "/json\"]]", "{\"array_limit\":1}"))
                .isInstanceOf(ReqlNonExistenceError.class)
                .hasMessage("Error in HTTP GET of `" + base + "/json`: Array over size limit `1`.  To raise the "
                        + "number of allowed elements, modify the `array_limit` option to `.run` (not available "
                        + "in the Data Explorer), or use an index..");
        assertThat(reql.run("[153,[\"" + base + "/json\"]]", "{\"array_limit\":2}")).isEqualTo("{\"a\":[1,2]}");
    }

    @Test
    void aBodyIsChargedToTheQuerysMemoryBudget() {
        // 2 MB of JSON is well within --http-max-body, not within a 1 MB budget.
        server.createContext("/big", ex -> reply(ex, 200, "application/json", "\"" + "x".repeat(2_000_000) + "\""));
        assertThatThrownBy(() -> reql.run("[153,[\"" + base + "/big\"]]", new QueryLimits(1 << 20, 1 << 30).open()))
                .isInstanceOf(ReqlResourceLimitError.class)
                .hasMessageStartingWith("Query over memory limit `1048576` bytes");
        assertThat(reql.run("[153,[\"" + base + "/big\"]]", new QueryLimits(4 << 20, 1 << 30).open())).hasSize(2_000_002);
    }

    @Test
    void methodsParamsHeadersAndData() {
        assertThat(http("/echo", "{\"params\":{\"x\":1,\"y\":\"a b\"},\"header\":{\"X-Test\":\"yes\"}}"))
                .contains("\"query\":\"x=1&y=a%20b\"").contains("\"h\":\"yes\"").contains("\"method\":\"GET\"");
        assertThat(http("/echo", "{\"method\":\"POST\",\"data\":{\"k\":\"v\"}}")).contains("\"body\":\"k=v\"");
        assertThat(http("/echo", "{\"method\":\"PUT\",\"data\":{\"k\":1}}")).contains("\"body\":\"{\\\"k\\\":1}\"");
        assertThatThrownBy(() -> http("/echo", "{\"data\":\"x\"}")).hasMessage("`data` should only be specified on a "
                + "PUT, POST, PATCH, or DELETE request.  If you want URL parameters, use `params` instead.");
        assertThatThrownBy(() -> http("/echo", "{\"method\":\"FOO\"}"))
                .hasMessage("`method` (FOO) is not recognized (GET, HEAD, POST, PUT, PATCH and DELETE are allowed).");
    }

    @Test
    void errorsRetriesRedirectsAndTimeouts() {
        assertThatThrownBy(() -> http("/missing", null)).isInstanceOf(ReqlNonExistenceError.class)
                .hasMessageStartingWith("Error in HTTP GET of `" + base + "/missing`: status code 404.");
        assertThat(http("/flaky", null)).isEqualTo("\"ok\"");
        assertThat(http("/redirect", null)).isEqualTo("\"hello\"");
        assertThatThrownBy(() -> http("/redirect", "{\"redirects\":0}")).hasMessageContaining("status code 302");
        assertThatThrownBy(() -> http("/slow", "{\"timeout\":0.2}"))
                .hasMessage("Error in HTTP GET of `" + base + "/slow`: timed out after 0.200 seconds.");
    }

    /** A failed transfer's error ends with the response's header and body, null when there was none. */
    @Test
    void transferErrorsShowTheResponsesHeaderAndBody() {
        assertThatThrownBy(() -> http("/missing", null)).isInstanceOf(ReqlNonExistenceError.class)
                .hasMessageContaining("status code 404.\nheader:\n{").hasMessageEndingWith("\nbody:\n\"nope\"");
        assertThatThrownBy(() -> reql.run("[153,[\"\"]]")).isInstanceOf(ReqlNonExistenceError.class)
                .hasMessage("Error in HTTP GET of ``: URL using bad/illegal format or missing URL.\nheader:\nnull\nbody:\nnull");
        assertThatThrownBy(() -> http("/text", "{\"result_format\":\"json\"}"))
                .hasMessageContaining("failed to parse JSON response: Invalid value..\nheader:\n{")
                .hasMessageEndingWith("\nbody:\n\"hello\"");
    }

    @Test
    void depaginatesWithLinkNext() {
        assertThat(http("/page", "{\"page\":\"link-next\",\"page_limit\":-1}")).isEqualTo("[1,2,3]");
        assertThat(http("/page", "{\"page\":\"link-next\",\"page_limit\":2}")).isEqualTo("[1,2]");
        assertThatThrownBy(() -> http("/page", "{\"page\":\"link-next\"}")).hasMessageStartingWith(
                "Cannot use `page` without specifying `page_limit`");
    }
}
