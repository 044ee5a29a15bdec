package io.reqldb.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The console's HTTP API under /api/. Every POST must come from the console's own pages (an
 * Origin header, when sent, names this host) and, but for sign-in, carry the session's CSRF
 * token in {@value #CSRF_HEADER}.
 *
 * <pre>
 * POST /api/signin   {"user":..,"password":..}  sets the session cookie; answers {user, csrf};
 *                    429 with Retry-After while the address must wait ({@link SignInThrottle})
 * GET  /api/session  the signed-in user and CSRF token, or 401
 * POST /api/signout
 * GET  /api/info     data directory, format version, release, console start time
 * POST /api/query[?token=N]  body: the wire protocol's JSON query [type, term, optargs];
 *                    answers the server's JSON response, the token in X-Reql-Token
 * /api/jobs/...      dump, restore, index-rebuild: see {@link JobsApi}
 * </pre>
 */
final class ApiHandler implements HttpHandler {
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final int MAX_SIGNIN_BYTES = 16 << 10;
    private static final int QUERY_START = 1;
    private static final int QUERY_STOP = 3;

    private final ConsoleSessions sessions;
    private final SignInThrottle throttle;
    private final ServerFacts facts;
    private final JobsApi jobs;
    private final int maxQueryBytes;
    private final Instant started = Instant.now();

    ApiHandler(ConsoleSessions sessions, SignInThrottle throttle, ServerFacts facts, JobsApi jobs, int maxQueryBytes) {
        this.sessions = sessions;
        this.throttle = throttle;
        this.facts = facts;
        this.jobs = jobs;
        this.maxQueryBytes = maxQueryBytes;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            route(exchange);
        } catch (IOException e) {
            exchange.close();   // the browser went away
        } catch (RuntimeException e) {
            Exchanges.error(exchange, 500, "Internal error: " + e);
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        boolean post = exchange.getRequestMethod().equals("POST");
        if (post && !sameOrigin(exchange)) {
            Exchanges.error(exchange, 403, "Cross-origin request refused.");
            return;
        }
        if (path.equals("/api/signin") && post) {
            signIn(exchange);
            return;
        }
        Optional<ConsoleSession> found = sessions.find(exchange.getRequestHeaders().getFirst("Cookie"));
        if (found.isEmpty()) {
            Exchanges.error(exchange, 401, "Not signed in.");
            return;
        }
        ConsoleSession session = found.get();
        if (post && !ConsoleSessions.csrfMatches(session, exchange.getRequestHeaders().getFirst(CSRF_HEADER))) {
            Exchanges.error(exchange, 403, "Missing or wrong CSRF token.");
            return;
        }
        if (path.startsWith("/api/jobs/")) {
            jobs.handle(exchange, session, path, post);
            return;
        }
        switch (path) {
            case "/api/session" -> Exchanges.json(exchange, 200, Map.of("user", session.user(), "csrf", session.csrfToken));
            case "/api/info" -> info(exchange);
            case "/api/signout" -> {
                if (!post) {
                    Exchanges.error(exchange, 405, "Method not allowed.");
                    return;
                }
                sessions.signOut(session);
                exchange.getResponseHeaders().add("Set-Cookie", cookie("", 0));
                Exchanges.send(exchange, 204, null, null);
            }
            case "/api/query" -> {
                if (!post) {
                    Exchanges.error(exchange, 405, "Method not allowed.");
                    return;
                }
                query(exchange, session);
            }
            default -> Exchanges.error(exchange, 404, "Not found.");
        }
    }

    private void signIn(HttpExchange exchange) throws IOException {
        byte[] body = Exchanges.body(exchange, MAX_SIGNIN_BYTES);
        JsonNode form;
        try {
            form = body == null ? null : Exchanges.JSON.readTree(body);
        } catch (IOException e) {
            form = null;
        }
        if (form == null || !form.path("user").isTextual() || !form.path("password").isTextual()) {
            Exchanges.error(exchange, 400, "Expected {\"user\": ..., \"password\": ...}.");
            return;
        }
        InetAddress client = exchange.getRemoteAddress().getAddress();
        long waitNanos = throttle.waitNanos(client);
        if (waitNanos > 0) {
            long seconds = TimeUnit.NANOSECONDS.toSeconds(waitNanos - 1) + 1; // rounded up
            exchange.getResponseHeaders().set("Retry-After", Long.toString(seconds));
            Exchanges.error(exchange, 429, "Too many wrong passwords from this address: try again in " + seconds + " s.");
            return;
        }
        Optional<ConsoleSession> session = sessions.signIn(form.get("user").asText(), form.get("password").asText());
        if (session.isEmpty()) {
            throttle.failed(client);
            Exchanges.error(exchange, 401, "Wrong user name or password.");
            return;
        }
        throttle.succeeded(client);
        exchange.getResponseHeaders().add("Set-Cookie", cookie(session.get().id, -1));
        Exchanges.json(exchange, 200, Map.of("user", session.get().user(), "csrf", session.get().csrfToken));
    }

    private void info(HttpExchange exchange) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("directory", facts.directory().toAbsolutePath().toString());
        out.put("formatVersion", facts.formatVersion());
        out.put("release", facts.release());
        out.put("consoleStarted", started.toString());
        Exchanges.json(exchange, 200, out);
    }

    private void query(HttpExchange exchange, ConsoleSession session) throws IOException {
        byte[] body = Exchanges.body(exchange, maxQueryBytes);
        if (body == null) {
            Exchanges.error(exchange, 413, "Query size greater than maximum (" + maxQueryBytes + ").");
            return;
        }
        int type = queryType(body);
        Long given = tokenParameter(exchange.getRequestURI());
        if (type != QUERY_START && given == null && type != 4 && type != 5) {
            Exchanges.error(exchange, 400, "CONTINUE and STOP need ?token=N.");
            return;
        }
        long token = given != null && type != QUERY_START ? given : session.newToken();
        exchange.getResponseHeaders().set("X-Reql-Token", Long.toString(token));
        if (type == QUERY_STOP) {
            session.sendIgnoringAnswer(token, body);
            Exchanges.send(exchange, 204, null, null);
            return;
        }
        byte[] answer;
        try {
            answer = session.send(token, body).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Exchanges.error(exchange, 503, "Server stopping.");
            return;
        } catch (ExecutionException e) {
            Exchanges.error(exchange, 410, "Signed out.");
            return;
        }
        Exchanges.send(exchange, 200, "application/json", answer);
    }

    /** The wire query's type, its first element; 0 when the body does not start like one. */
    private static int queryType(byte[] body) {
        int i = 0;
        while (i < body.length && (body[i] == '[' || body[i] == ' ' || body[i] == '\n' || body[i] == '\t' || body[i] == '\r')) {
            i++;
        }
        int type = 0;
        while (i < body.length && body[i] >= '0' && body[i] <= '9' && type < 100) {
            type = type * 10 + (body[i++] - '0');
        }
        return type;
    }

    private static Long tokenParameter(URI uri) {
        String q = uri.getRawQuery();
        if (q == null || !q.startsWith("token=")) {
            return null;
        }
        try {
            return Long.parseLong(q.substring("token=".length()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Whether a POST comes from the console's own pages: an Origin, when present, names this host. */
    private static boolean sameOrigin(HttpExchange exchange) {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin == null) {
            return true;
        }
        String host = exchange.getRequestHeaders().getFirst("Host");
        return host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
    }

    private static String cookie(String value, int maxAge) {
        return ConsoleSessions.COOKIE + "=" + value + "; Path=/; HttpOnly; SameSite=Strict"
                + (maxAge >= 0 ? "; Max-Age=" + maxAge : "");
    }
}
