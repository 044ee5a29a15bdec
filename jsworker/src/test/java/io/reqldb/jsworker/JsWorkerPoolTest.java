package io.reqldb.jsworker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reqldb.jsworker.wire.Protocol;
import io.reqldb.jsworker.wire.WireReader;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The pool against real worker processes: answers, reuse, and every way a script can end badly. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JsWorkerPoolTest {
    private static JsWorkerPool pool;

    @BeforeAll
    static void start() {
        pool = new JsWorkerPool(new JsWorkerOptions(2, 64));
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    @Test
    void evalAnswersAValue() throws Exception {
        JsReply reply = pool.eval("[1, 'two', {three: true}, null, new Date(1500)]", 5000, CancelSignal.NEVER);
        WireReader v = ((JsReply.Value) reply).value();
        assertThat(v.readByte()).isEqualTo(Protocol.ARRAY);
        assertThat(v.readInt()).isEqualTo(5);
        assertThat(v.readByte()).isEqualTo(Protocol.NUMBER);
        assertThat(v.readDouble()).isEqualTo(1.0);
        assertThat(v.readByte()).isEqualTo(Protocol.STRING);
        assertThat(v.readString()).isEqualTo("two");
        assertThat(v.readByte()).isEqualTo(Protocol.OBJECT);
        assertThat(v.readInt()).isEqualTo(1);
        assertThat(v.readString()).isEqualTo("three");
        assertThat(v.readByte()).isEqualTo(Protocol.TRUE);
        assertThat(v.readByte()).isEqualTo(Protocol.NULL);
        assertThat(v.readByte()).isEqualTo(Protocol.TIME);
        assertThat(v.readDouble()).isEqualTo(1500.0);
        assertThat(v.atEnd()).isTrue();
    }

    @Test
    void aFunctionIsCalledByItsSource() throws Exception {
        String source = "(function(a, b) { return a + b; })";
        assertThat(pool.eval(source, 5000, CancelSignal.NEVER)).isInstanceOf(JsReply.Function.class);
        var request = JsWorkerPool.callRequest(source, 5000).writeInt(2).number(40).number(2);
        WireReader v = ((JsReply.Value) pool.finishCall(request, 5000, CancelSignal.NEVER)).value();
        assertThat(v.readByte()).isEqualTo(Protocol.NUMBER);
        assertThat(v.readDouble()).isEqualTo(42.0);
    }

    @Test
    void scriptErrorsCarryRethinkDbsText() {
        assertFailure("x.y", JsFailure.Kind.SCRIPT_ERROR, "ReferenceError: 'x' is not defined");
        assertFailure("function() {}", JsFailure.Kind.SCRIPT_ERROR, "SyntaxError: function name expected");
        assertFailure("undefined", JsFailure.Kind.SCRIPT_ERROR, "Cannot convert javascript `undefined` to ql::datum_t.");
        assertFailure("var o = {}; o.o = o; o", JsFailure.Kind.SCRIPT_ERROR,
                "Recursion limit exceeded in js_to_json (circular reference?).");
        assertFailure("java.lang.System.exit(0)", JsFailure.Kind.SCRIPT_ERROR, "ReferenceError: 'java' is not defined");
    }

    @Test
    void aWorkerStopsARunawayLoopItselfAndStaysWarm() {
        long pidsBefore = workerCount();
        assertFailure("while (true) {}", JsFailure.Kind.TIMEOUT, "timed out", 300);
        assertThat(workerCount()).isGreaterThanOrEqualTo(Math.max(1, pidsBefore));
    }

    @Test
    void aScriptStuckOutsideTheInterpreterIsKilled() {
        long start = System.nanoTime();
        assertFailure("/(a+)+b/.test('" + "a".repeat(40) + "')", JsFailure.Kind.TIMEOUT, "timed out", 300);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void fillingTheHeapEndsTheWorkerAndTheNextScriptRuns() throws Exception {
        long start = System.nanoTime();
        assertFailure("var a = []; while (true) { a.push('some text ' + a.length); }", JsFailure.Kind.OUT_OF_MEMORY,
                "out of memory", 60_000);
        System.out.println("heap filled in " + Duration.ofNanos(System.nanoTime() - start));
        start = System.nanoTime();
        assertFailure("new Array(1e9).join('x').length", JsFailure.Kind.OUT_OF_MEMORY, "out of memory", 60_000);
        System.out.println("huge string in " + Duration.ofNanos(System.nanoTime() - start));
        assertThat(pool.eval("1", 5000, CancelSignal.NEVER)).isInstanceOf(JsReply.Value.class);
    }

    @Test
    void interruptingTheWaitingThreadKillsTheWorker() throws Exception {
        AtomicReference<Thread> runner = new AtomicReference<>();
        CompletableFuture<JsFailure> outcome = CompletableFuture.supplyAsync(() -> {
            runner.set(Thread.currentThread());
            try {
                pool.eval("while (true) {}", 3_600_000, CancelSignal.NEVER);
                return null;
            } catch (JsFailure f) {
                return f;
            }
        });
        Thread.sleep(1500);
        runner.get().interrupt();
        assertThat(outcome.get(10, TimeUnit.SECONDS).kind()).isEqualTo(JsFailure.Kind.CANCELLED);
        assertThat(pool.eval("2", 5000, CancelSignal.NEVER)).isInstanceOf(JsReply.Value.class);
    }

    private static long workerCount() {
        return ProcessHandle.current().children().count();
    }

    private static void assertFailure(String script, JsFailure.Kind kind, String message) {
        assertFailure(script, kind, message, 5000);
    }

    private static void assertFailure(String script, JsFailure.Kind kind, String message, long timeoutMs) {
        assertThatThrownBy(() -> pool.eval(script, timeoutMs, CancelSignal.NEVER)).as(script)
                .isInstanceOfSatisfying(JsFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(kind);
                    assertThat(f.getMessage()).isEqualTo(message);
                });
    }
}
