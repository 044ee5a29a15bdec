package io.reqldb.jsworker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The pool's bounds against real worker processes: how many live, when idle ones go, and that a
 * cancelled query or a closed pool leaves no worker running.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class JsWorkerPoolLimitsTest {
    /** Spins for about {@code ms} of wall time, then answers 1. */
    private static String busy(long ms) {
        return "var t = Date.now(); while (Date.now() - t < " + ms + ") {} 1";
    }

    @Test
    void neverMoreWorkersThanTheLimitAndQueriesWaitForOne() throws Exception {
        try (JsWorkerPool pool = new JsWorkerPool(new JsWorkerOptions(2, 64))) {
            AtomicBoolean done = new AtomicBoolean();
            AtomicInteger most = new AtomicInteger();
            Thread sampler = new Thread(() -> {
                while (!done.get()) {
                    most.accumulateAndGet(pool.workerProcesses().size(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.start();
            List<CompletableFuture<JsReply>> scripts = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                scripts.add(CompletableFuture.supplyAsync(() -> evalOrFail(pool, busy(300), 30_000, CancelSignal.NEVER)));
            }
            for (CompletableFuture<JsReply> s : scripts) {
                assertThat(s.get(60, TimeUnit.SECONDS)).isInstanceOf(JsReply.Value.class);
            }
            done.set(true);
            sampler.join();
            assertThat(most.get()).isBetween(1, 2);
        }
    }

    @Test
    void idleWorkersBeyondOneAreStopped() throws Exception {
        try (JsWorkerPool pool = new JsWorkerPool(new JsWorkerOptions(3, 64), Duration.ofMillis(300))) {
            List<CompletableFuture<JsReply>> scripts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                scripts.add(CompletableFuture.supplyAsync(() -> evalOrFail(pool, busy(1000), 30_000, CancelSignal.NEVER)));
            }
            for (CompletableFuture<JsReply> s : scripts) {
                s.get(60, TimeUnit.SECONDS);
            }
            assertThat(pool.workerProcesses()).hasSizeGreaterThanOrEqualTo(2);
            awaitWorkers(pool, 1, Duration.ofSeconds(10));
            assertThat(evalOrFail(pool, "'warm'", 5000, CancelSignal.NEVER)).isInstanceOf(JsReply.Value.class);
        }
    }

    @Test
    void aCancelledScriptsWorkerIsKilledAtOnce() throws Exception {
        try (JsWorkerPool pool = new JsWorkerPool(new JsWorkerOptions(2, 64))) {
            Cancellation query = new Cancellation();
            CompletableFuture<JsFailure> outcome = failureOf(pool, "while (true) {}", query);
            awaitWorkers(pool, 1, Duration.ofSeconds(30));
            Thread.sleep(500);
            ProcessHandle worker = pool.workerProcesses().get(0);
            long start = System.nanoTime();
            query.cancel();
            assertThat(outcome.get(10, TimeUnit.SECONDS).kind()).isEqualTo(JsFailure.Kind.CANCELLED);
            assertThat(worker.onExit().get(5, TimeUnit.SECONDS).isAlive()).isFalse();
            System.out.println("cancelled script's worker gone in " + Duration.ofNanos(System.nanoTime() - start));
            assertThat(evalOrFail(pool, "3", 5000, CancelSignal.NEVER)).isInstanceOf(JsReply.Value.class);
        }
    }

    @Test
    void aQueryCancelledWhileWaitingForAWorkerStopsWaiting() throws Exception {
        try (JsWorkerPool pool = new JsWorkerPool(new JsWorkerOptions(1, 64))) {
            Cancellation first = new Cancellation();
            Cancellation second = new Cancellation();
            CompletableFuture<JsFailure> running = failureOf(pool, "while (true) {}", first);
            awaitWorkers(pool, 1, Duration.ofSeconds(30));
            CompletableFuture<JsFailure> waiting = failureOf(pool, "1", second);
            Thread.sleep(300);
            assertThat(waiting).isNotDone();
            second.cancel();
            assertThat(waiting.get(5, TimeUnit.SECONDS).kind()).isEqualTo(JsFailure.Kind.CANCELLED);
            assertThat(running).isNotDone();
            first.cancel();
            assertThat(running.get(5, TimeUnit.SECONDS).kind()).isEqualTo(JsFailure.Kind.CANCELLED);
        }
    }

    @Test
    void closingThePoolKillsBusyAndIdleWorkers() throws Exception {
        JsWorkerPool pool = new JsWorkerPool(new JsWorkerOptions(2, 64));
        CompletableFuture<JsFailure> running = failureOf(pool, "while (true) {}", new Cancellation());
        awaitWorkers(pool, 1, Duration.ofSeconds(30));
        // A second worker, left idle.
        assertThat(evalOrFail(pool, "1", 30_000, CancelSignal.NEVER)).isInstanceOf(JsReply.Value.class);
        awaitWorkers(pool, 2, Duration.ofSeconds(30));
        List<ProcessHandle> workers = pool.workerProcesses();
        pool.close();
        assertThat(running.get(10, TimeUnit.SECONDS).kind()).isEqualTo(JsFailure.Kind.CRASH);
        for (ProcessHandle w : workers) {
            assertThat(w.onExit().get(5, TimeUnit.SECONDS).isAlive()).isFalse();
        }
        assertThat(failureOf(pool, "1", new Cancellation()).get(10, TimeUnit.SECONDS).kind())
                .isEqualTo(JsFailure.Kind.CRASH);
        assertThat(pool.workerProcesses()).isEmpty();
    }

    /** A query's cancellation as the query layer provides it. */
    private static final class Cancellation implements CancelSignal {
        private final List<Runnable> actions = new ArrayList<>();
        private boolean cancelled;

        @Override
        public synchronized Registration onCancel(Runnable action) {
            if (cancelled) {
                action.run();
                return () -> { };
            }
            actions.add(action);
            return () -> {
                synchronized (this) {
                    actions.remove(action);
                }
            };
        }

        void cancel() {
            List<Runnable> toRun;
            synchronized (this) {
                cancelled = true;
                toRun = List.copyOf(actions);
            }
            toRun.forEach(Runnable::run);
        }
    }

    private static CompletableFuture<JsFailure> failureOf(JsWorkerPool pool, String script, CancelSignal cancel) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                pool.eval(script, 3_600_000, cancel);
                return null;
            } catch (JsFailure f) {
                return f;
            }
        });
    }

    private static JsReply evalOrFail(JsWorkerPool pool, String script, long timeoutMs, CancelSignal cancel) {
        try {
            return pool.eval(script, timeoutMs, cancel);
        } catch (JsFailure f) {
            throw new AssertionError(script + ": " + f.kind() + " " + f.getMessage(), f);
        }
    }

    private static void awaitWorkers(JsWorkerPool pool, int count, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (pool.workerProcesses().size() != count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(pool.workerProcesses()).hasSize(count);
    }
}
