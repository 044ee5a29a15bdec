package io.reqldb.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.reqldb.query.RqlQueryEngine;
import io.reqldb.query.eval.StoreCatalog;
import io.reqldb.query.system.Users;
import io.reqldb.server.ReqlServer;
import io.reqldb.server.ServerConfig;
import io.reqldb.server.auth.PasswordHash;
import io.reqldb.storage.Store;
import io.reqldb.storage.rocksdb.RocksStore;
import io.reqldb.storage.rocksdb.RocksStoreOptions;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's HTTP API over a real server and store: sign-in against the server's users, the
 * session cookie's flags, the CSRF and origin checks, and queries run with the signed-in user's
 * permissions by the server's own engine. (console/web/e2e drives the pages in Chromium.)
 */
class ConsoleServerTest {
    @TempDir
    Path dir;

    private Store store;
    private ReqlServer server;
    private ConsoleServer console;
    private final HttpClient http = HttpClient.newHttpClient();
    private String base;

    @BeforeEach
    void start() throws Exception {
        store = RocksStore.open(dir, new RocksStoreOptions(16, 8));
        StoreCatalog catalog = new StoreCatalog(store);
        Users users = catalog.users();
        users.setPassword(Users.ADMIN, "secret");
        users.setPassword("nobody", "pw");
        server = new ReqlServer(ServerConfig.builder().driverPort(0).queryThreads(4).feedThreads(16).build(),
                new RqlQueryEngine(store, catalog),
                name -> users.credentials(name).map(p -> new PasswordHash(p.salt(), p.iterations(), p.saltedPassword())))
                .start();
        // A stopped clock: a wait imposed on sign-in never runs down during a test, however slow the machine.
        console = new ConsoleServer(server, new ServerFacts(dir, 2, "test"), null, () -> 0L)
                .start(List.of(InetAddress.getLoopbackAddress()), 0);
        base = "http://127.0.0.1:" + console.port();
    }

    @AfterEach
    void stop() {
        console.close();
        server.close();
        store.close();
    }

    private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Signs in; returns {cookie, csrf}. */
    private String[] signIn(String user, String password) throws Exception {
        HttpResponse<String> r = post("/api/signin", "{\"user\":\"" + user + "\",\"password\":\"" + password + "\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/");
        String csrf = Exchanges.JSON.readTree(r.body()).get("csrf").asText();
        return new String[] {setCookie.substring(0, setCookie.indexOf(';')), csrf};
    }

    @Test
    void wrongPasswordAndUnknownUser_areRefusedAlike() throws Exception {
        HttpResponse<String> wrong = post("/api/signin", "{\"user\":\"admin\",\"password\":\"nope\"}");
        HttpResponse<String> unknown = post("/api/signin", "{\"user\":\"ghost\",\"password\":\"nope\"}");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo(unknown.body()).contains("Wrong user name or password.");
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void repeatedWrongPasswords_makeTheAddressWait_evenForTheRightOne() throws Exception {
        String wrong = "{\"user\":\"admin\",\"password\":\"guess\"}";
        for (int i = 0; i <= SignInThrottle.FREE_FAILURES; i++) {
            assertThat(post("/api/signin", wrong).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> refused = post("/api/signin", "{\"user\":\"admin\",\"password\":\"secret\"}");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).contains("1");
        assertThat(refused.body()).contains("Too many wrong passwords from this address: try again in 1 s.");
        assertThat(refused.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void queries_needASession_andTheCsrfToken() throws Exception {
        String dbList = "[1,[59,[]],{}]";
        assertThat(post("/api/query", dbList).statusCode()).isEqualTo(401);
        String[] s = signIn("admin", "secret");
        assertThat(post("/api/query", dbList, "Cookie", s[0]).statusCode()).isEqualTo(403);
        assertThat(post("/api/query", dbList, "Cookie", s[0], "X-CSRF-Token", "guess").statusCode()).isEqualTo(403);
        HttpResponse<String> ok = post("/api/query", dbList, "Cookie", s[0], "X-CSRF-Token", s[1]);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("{\"t\":1,\"r\":[[\"rethinkdb\",\"test\"]]}");
    }

    @Test
    void aPostFromAnotherOrigin_isRefused() throws Exception {
        String[] s = signIn("admin", "secret");
        HttpResponse<String> r = post("/api/query", "[1,[57,[\"x\"]],{}]", "Cookie", s[0], "X-CSRF-Token", s[1],
                "Origin", "http://evil.example");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(post("/api/query", "[1,[59,[]],{}]", "Cookie", s[0], "X-CSRF-Token", s[1]).body()).doesNotContain("\"x\"");
    }

    @Test
    void queries_runWithTheSignedInUsersPermissions() throws Exception {
        String[] s = signIn("nobody", "pw");
        HttpResponse<String> r = post("/api/query", "[1,[57,[\"mine\"]],{}]", "Cookie", s[0], "X-CSRF-Token", s[1]);
        assertThat(r.body()).startsWith("{\"t\":18,\"e\":6000000,\"r\":[\"User `nobody` does not have the required `config` permission.\"]");
    }

    @Test
    void cursors_arePagedWithContinue_andStopped() throws Exception {
        String[] s = signIn("admin", "secret");
        String table = "[15,[[14,[\"test\"]],\"big\"]]";
        post("/api/query", "[1,[60,[[14,[\"test\"]],\"big\"]],{}]", "Cookie", s[0], "X-CSRF-Token", s[1]);
        // table.insert(r.range(3000).map(i => ({id: i, pad: 'xxx...'}))): more than one batch to read.
        post("/api/query", "[1,[56,[" + table + ",[38,[[173,[3000]],[69,[[2,[1]],{\"id\":[10,[1]],\"pad\":\""
                + "x".repeat(500) + "\"}]]]]]],{}]", "Cookie", s[0], "X-CSRF-Token", s[1]);
        String query = "[1," + table + ",{}]";
        HttpResponse<String> first = post("/api/query", query, "Cookie", s[0], "X-CSRF-Token", s[1]);
        assertThat(first.body()).startsWith("{\"t\":3,");
        String token = first.headers().firstValue("X-Reql-Token").orElseThrow();
        HttpResponse<String> next = post("/api/query?token=" + token, "[2]", "Cookie", s[0], "X-CSRF-Token", s[1]);
        assertThat(next.body()).startsWith("{\"t\":");
        assertThat(post("/api/query?token=" + token, "[3]", "Cookie", s[0], "X-CSRF-Token", s[1]).statusCode()).isEqualTo(204);
    }

    @Test
    void jobs_needTheToolkit_andRefuseNamesThatAreNotTables() throws Exception {
        String[] s = signIn("admin", "secret");
        // This server was started without a ToolLauncher: the Backups page says so.
        HttpResponse<String> none = post("/api/jobs/dump", "{}", "Cookie", s[0], "X-CSRF-Token", s[1]);
        assertThat(none.statusCode()).isEqualTo(503);
        assertThat(post("/api/jobs/dump", "{}", "Cookie", s[0]).statusCode()).isEqualTo(403);
        console.close();
        console = new ConsoleServer(server, new ServerFacts(dir, 2, "test"), new ToolLauncher(List.of("false"), "127.0.0.1:1"))
                .start(List.of(InetAddress.getLoopbackAddress()), 0);
        base = "http://127.0.0.1:" + console.port();
        s = signIn("admin", "secret");
        // Names go to the command line as arguments: one that could be an option is refused.
        HttpResponse<String> option = post("/api/jobs/dump", "{\"tables\": [\"--data-dir=/etc\"]}", "Cookie", s[0], "X-CSRF-Token", s[1]);
        assertThat(option.statusCode()).isEqualTo(400);
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(base + "/api/jobs/nope"))
                .header("Cookie", s[0]).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void signingOut_endsTheSession() throws Exception {
        String[] s = signIn("admin", "secret");
        assertThat(post("/api/signout", "", "Cookie", s[0], "X-CSRF-Token", s[1]).statusCode()).isEqualTo(204);
        HttpResponse<String> after = http.send(HttpRequest.newBuilder(URI.create(base + "/api/session"))
                .header("Cookie", s[0]).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(after.statusCode()).isEqualTo(401);
    }

    @Test
    void thePages_areServedWithTheirSecurityHeaders() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<div id=\"app\">");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("frame-ancestors 'none'");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        HttpResponse<String> escape = http.send(HttpRequest.newBuilder(URI.create(base + "/assets/..%2F..%2Fpom.xml")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(escape.statusCode()).isEqualTo(404);
    }
}
