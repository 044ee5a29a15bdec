package io.reqldb.server.it;

import static com.rethinkdb.RethinkDB.r;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rethinkdb.gen.exc.ReqlInternalError;
import com.rethinkdb.gen.exc.ReqlQueryLogicError;
import com.rethinkdb.gen.exc.ReqlResourceLimitError;
import com.rethinkdb.gen.exc.ReqlRuntimeError;
import com.rethinkdb.net.Connection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import io.reqldb.jsworker.JsWorkerOptions;
import io.reqldb.query.terms.js.JsWorkers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code r.js} has no host access and cannot harm the server (issue 10): scripts that try to
 * read files, run programs, open connections or stop the process through Java get a script
 * error; memory exhaustion, runaways and a worker's death end in a clean error while the server
 * answers on. Each attack here worked when Rhino ran inside the server with Java access.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JsIsolationTest {
    private static final String SECRET = "the-secret-content-7f3a";

    @TempDir
    Path dataDir;
    @TempDir
    Path scratch;
    private LiveServer server;
    private Connection conn;

    /** Small workers, so that filling one's heap is quick. */
    @BeforeAll
    static void smallWorkers() {
        JsWorkers.configure(new JsWorkerOptions(2, 64));
    }

    @AfterAll
    static void defaultWorkers() {
        JsWorkers.configure(JsWorkerOptions.defaults());
    }

    @BeforeEach
    void start() throws Exception {
        server = new LiveServer(dataDir);
        conn = server.connect();
    }

    @AfterEach
    void stop() {
        conn.close();
        server.close();
    }

    @Test
    void scriptsCannotReadFiles() throws Exception {
        Path secret = Files.writeString(scratch.resolve("secret.txt"), SECRET);
        String p = secret.toString();
        List<String> attempts = List.of(
                "String(new java.util.Scanner(new java.io.File('" + p + "')).nextLine())",
                "String(new java.lang.String(java.nio.file.Files.readAllBytes(java.nio.file.Paths.get('" + p + "'))))",
                "String(new Packages.java.util.Scanner(new Packages.java.io.File('" + p + "')).nextLine())",
                "importPackage(java.io); String(new BufferedReader(new FileReader('" + p + "')).readLine())",
                "String(''.getClass().forName('java.nio.file.Files').getMethod('readString',"
                        + " ''.getClass().forName('java.nio.file.Path')))",
                "String(getClass)",
                "var g = (function() { return this; })(); String(g.Packages.java.io.File)",
                "String(Object.getOwnPropertyNames(this).filter(function(n) { return /java|Packages|getClass|import/.test(n); }))");
        for (String script : attempts) {
            Object answer = answerOrError(script);
            assertThat(String.valueOf(answer)).as(script).doesNotContain(SECRET).doesNotContain("java.");
        }
        assertThat(answerOrError(attempts.get(0))).isInstanceOf(ReqlQueryLogicError.class);
        assertThat(((ReqlQueryLogicError) answerOrError(attempts.get(0))).getMessage()).startsWith("ReferenceError:");
        // The last one lists no Java entry points at all: an empty string, not an error.
        assertThat(answerOrError(attempts.get(attempts.size() - 1))).isEqualTo("");
    }

    @Test
    void scriptsCannotListTheDataDirectory() throws Exception {
        List<String> names;
        try (var files = Files.list(dataDir)) {
            names = files.map(f -> f.getFileName().toString()).toList();
        }
        assertThat(names).isNotEmpty();
        String dir = dataDir.toString();
        for (String script : List.of(
                "String(new java.io.File('" + dir + "').list())",
                "String(java.nio.file.Files.list(java.nio.file.Paths.get('" + dir + "')).toArray())",
                "String(new Packages.java.io.File('" + dir + "').listFiles())")) {
            Object answer = answerOrError(script);
            assertThat(answer).as(script).isInstanceOf(ReqlQueryLogicError.class);
            for (String name : names) {
                assertThat(String.valueOf(answer)).as(script).doesNotContain(name);
            }
        }
    }

    @Test
    void scriptsCannotRunPrograms() {
        Path marker = scratch.resolve("ran");
        for (String script : List.of(
                "java.lang.Runtime.getRuntime().exec(['touch', '" + marker + "']).waitFor()",
                "new java.lang.ProcessBuilder(['touch', '" + marker + "']).start().waitFor()",
                "Packages.java.lang.Runtime.getRuntime().exec('id')",
                "String(new java.util.Scanner(java.lang.Runtime.getRuntime().exec('id').getInputStream()).nextLine())")) {
            Object answer = answerOrError(script);
            assertThat(answer).as(script).isInstanceOf(ReqlQueryLogicError.class);
            assertThat(String.valueOf(answer)).as(script).doesNotContain("uid=");
        }
        assertThat(marker).doesNotExist();
    }

    @Test
    void scriptsCannotStopTheServer() {
        for (String script : List.of("java.lang.System.exit(0)", "java.lang.Runtime.getRuntime().halt(0)",
                "Packages.java.lang.System.exit(1)")) {
            assertThat(answerOrError(script)).as(script).isInstanceOf(ReqlQueryLogicError.class);
        }
        assertThat(r.expr(1).add(1).run(conn).single()).isEqualTo(2L);
        assertThat(r.js("6 * 7").run(conn).single()).isEqualTo(42L);
    }

    @Test
    void scriptsCannotOpenConnections() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(500);
            int port = listener.getLocalPort();
            for (String script : List.of("new java.net.Socket('127.0.0.1', " + port + ").isConnected()",
                    "new java.net.URL('http://127.0.0.1:" + port + "/').openStream().read()",
                    "typeof XMLHttpRequest === 'undefined' && typeof fetch === 'undefined' ? 'none' : 'some'")) {
                Object answer = answerOrError(script);
                assertThat(answer).as(script).satisfiesAnyOf(
                        a -> assertThat(a).isInstanceOf(ReqlQueryLogicError.class),
                        a -> assertThat(a).isEqualTo("none"));
            }
            assertThatThrownBy(listener::accept).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void exhaustingMemoryIsAResourceErrorAndTheServerAnswersOn() {
        Object answer = answerOrError("var a = []; while (true) { a.push(new Array(10000).join('x') + a.length); }", 60);
        assertThat(answer).isInstanceOf(ReqlResourceLimitError.class);
        assertThat(((ReqlRuntimeError) answer).getMessage()).contains("ran out of memory").contains("--js-memory");
        Object big = answerOrError("new Array(1e9).join('x').length", 60);
        assertThat(big).isInstanceOf(ReqlRuntimeError.class);
        assertThat(r.js("[1, 2, 3].length").run(conn).single()).isEqualTo(3L);
    }

    @Test
    void deepRecursionIsAScriptError() {
        assertThat(answerOrError("function f(n) { return f(n + 1) + 1; } f(0)", 30))
                .isInstanceOf(ReqlQueryLogicError.class)
                .hasFieldOrPropertyWithValue("message", "InternalError: stack overflow");
        assertThat(r.js("1 + 1").run(conn).single()).isEqualTo(2L);
    }

    @Test
    void aRunawayLoopEndsAtItsTimeoutAndFreesTheCpu() {
        long start = System.nanoTime();
        Object answer = answerOrError("while (true) {}", 1);
        assertThat(answer).isInstanceOf(ReqlQueryLogicError.class)
                .hasFieldOrPropertyWithValue("message", "JavaScript query `while (true) {}` timed out after 1.000 seconds.");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertWorkersIdle();
    }

    /** Rhino's regular expressions run in Java, where no instruction counter looks at the clock. */
    @Test
    void aRunawayRegularExpressionIsKilledAtItsTimeout() {
        String script = "/(a+)+b/.test('" + "a".repeat(40) + "')";
        long start = System.nanoTime();
        Object answer = answerOrError(script, 1);
        assertThat(answer).isInstanceOf(ReqlQueryLogicError.class)
                .hasFieldOrPropertyWithValue("message", "JavaScript query `" + script + "` timed out after 1.000 seconds.");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertWorkersIdle();
        assertThat(r.js("'still' + ' here'").run(conn).single()).isEqualTo("still here");
    }

    @Test
    void aWorkerThatDiesMidScriptIsAnErrorAndTheNextScriptRuns() throws Exception {
        assertThat(r.js("1").run(conn).single()).isEqualTo(1L);
        CompletableFuture<Object> running = CompletableFuture.supplyAsync(() -> {
            try (Connection other = server.connect()) {
                return answerOrError(other, "while (true) {}", 60);
            }
        });
        // Every worker dies, again and again until the query answers: the busy one among them.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!running.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(500);
            workers().forEach(ProcessHandle::destroyForcibly);
        }
        assertThat(running.get(30, TimeUnit.SECONDS)).isInstanceOf(ReqlInternalError.class)
                .hasFieldOrPropertyWithValue("message", "Javascript query `while (true) {}` caused a crash in a worker process.");
        workers().forEach(ProcessHandle::destroyForcibly);
        assertThat(r.js("'a' + 'b'").run(conn).single()).isEqualTo("ab");
    }

    @Test
    void functionsReturnedByJsRunInTheWorkers() {
        assertThat(r.range(5).map(r.js("(function(x) { return x * 2; })")).run(conn).toList())
                .containsExactly(0L, 2L, 4L, 6L, 8L);
        assertThat(r.expr(r.array(1, 2, 3, 4)).filter(r.js("(function(x) { return x % 2 == 0; })")).run(conn).single())
                .isEqualTo(List.of(2L, 4L));
        assertThat(r.js("(function(x) { return java.lang.System.exit(0); })").typeOf().run(conn).single())
                .isEqualTo("FUNCTION");
        Object called = callOrError("(function(x) { return java.lang.System.exit(0); })");
        assertThat(called).isInstanceOf(ReqlQueryLogicError.class);
    }

    private Object callOrError(String fn) {
        try {
            return r.expr(r.array(1)).map(r.js(fn)).run(conn).single();
        } catch (ReqlRuntimeError e) {
            return e;
        }
    }

    private Object answerOrError(String script) {
        return answerOrError(conn, script, 5);
    }

    private Object answerOrError(String script, double timeoutSeconds) {
        return answerOrError(conn, script, timeoutSeconds);
    }

    /** The script's value or the error it ended with. */
    private static Object answerOrError(Connection c, String script, double timeoutSeconds) {
        try {
            return r.js(script).optArg("timeout", timeoutSeconds).run(c).single();
        } catch (ReqlRuntimeError e) {
            return e;
        }
    }

    /** The JavaScript worker processes this JVM started. */
    private java.util.stream.Stream<ProcessHandle> workers() {
        return ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().orElse("").contains("io.reqldb.jsworker.worker.WorkerMain"));
    }

    private static List<Duration> cpu(List<ProcessHandle> processes) {
        return processes.stream().map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO)).toList();
    }

    /** No worker uses a core any more: each gained under 300 ms of CPU time over a second. */
    private void assertWorkersIdle() {
        List<ProcessHandle> live = workers().toList();
        List<Duration> before = cpu(live);
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        for (int i = 0; i < live.size(); i++) {
            Duration after = live.get(i).info().totalCpuDuration().orElse(before.get(i));
            assertThat(after.minus(before.get(i))).as("CPU of worker %d over a second", live.get(i).pid())
                    .isLessThan(Duration.ofMillis(300));
        }
    }
}
