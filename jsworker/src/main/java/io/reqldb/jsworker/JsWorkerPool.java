package io.reqldb.jsworker;

import io.reqldb.jsworker.wire.Protocol;
import io.reqldb.jsworker.wire.WireReader;
import io.reqldb.jsworker.wire.WireWriter;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs scripts in worker processes, keeping idle workers warm for the next query (a worker's
 * start costs a fraction of a second; a warm one answers in microseconds). At most
 * {@link JsWorkerOptions#workers()} are alive at once, hence at most that many scripts run; more
 * queries wait for one. Workers idle for longer than the retirement time are stopped, all but
 * one, so that a burst of scripts does not keep a heap per core for good.
 *
 * <p>A script's {@code timeout} is enforced twice: the worker's Rhino stops the script at its
 * deadline and answers (the worker stays warm), and, should no answer come within
 * {@link #KILL_MARGIN_MS} after that (a script stuck where Rhino does not look at the clock, such
 * as a runaway regular expression), the pool kills the worker. A worker is also killed when its
 * query is cancelled ({@link CancelSignal}) or the waiting thread is interrupted; one that died is
 * replaced by a fresh one on the next request. {@link #close} kills every worker, busy or not.
 * Thread-safe.
 */
public final class JsWorkerPool implements AutoCloseable {
    /** How long after a script's deadline a worker that has not answered is killed. */
    static final long KILL_MARGIN_MS = 250;
    /** How long a new worker may take to start before it counts as crashed. */
    private static final long START_MS = 60_000;
    /** How often a query waiting for a free worker looks whether it was cancelled meanwhile. */
    private static final long SLOT_POLL_MS = 20;
    /** How long a worker beyond the first may stay idle before it is stopped. */
    static final Duration RETIRE_IDLE_AFTER = Duration.ofMinutes(1);

    private final JsWorkerOptions options;
    private final WorkerLauncher launcher;
    private final long retireAfterNanos;
    private final Semaphore slots;
    /** Newest first. Guarded by itself, as is {@link #closed}. */
    private final ArrayDeque<IdleWorker> idle = new ArrayDeque<>();
    /** Every worker process not yet exited, busy or idle: what {@link #close} kills. */
    private final Set<Process> live = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService retirer;
    private boolean closed;

    private record IdleWorker(WorkerProcess worker, long sinceNanos) {
    }

    public JsWorkerPool(JsWorkerOptions options) {
        this(options, RETIRE_IDLE_AFTER);
    }

    JsWorkerPool(JsWorkerOptions options, Duration retireIdleAfter) {
        this.options = options;
        this.launcher = new WorkerLauncher(options.memoryMb());
        this.retireAfterNanos = retireIdleAfter.toNanos();
        this.slots = new Semaphore(options.workers(), true);
        this.retirer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "js-worker-retirer");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(10, retireIdleAfter.toMillis() / 2);
        retirer.scheduleWithFixedDelay(this::retireIdle, period, period, TimeUnit.MILLISECONDS);
    }

    public JsWorkerOptions options() {
        return options;
    }

    /** Evaluates {@code source}; a function result can then be called with {@link #finishCall}. */
    public JsReply eval(String source, long timeoutMs, CancelSignal cancel) throws JsFailure {
        WireWriter request = new WireWriter().writeByte(Protocol.EVAL).writeLong(timeoutMs).writeString(source);
        return run(request, timeoutMs, cancel);
    }

    /**
     * Starts a call of the function that {@code source} evaluates to: write the arguments' count
     * and values to the returned writer, then pass it to {@link #finishCall}.
     */
    public static WireWriter callRequest(String source, long timeoutMs) {
        return new WireWriter().writeByte(Protocol.CALL).writeLong(timeoutMs).writeString(source);
    }

    /** Sends a call built with {@link #callRequest} and returns the function's value. */
    public JsReply finishCall(WireWriter request, long timeoutMs, CancelSignal cancel) throws JsFailure {
        return run(request, timeoutMs, cancel);
    }

    private JsReply run(WireWriter request, long timeoutMs, CancelSignal cancel) throws JsFailure {
        Attempt attempt = new Attempt();
        try (CancelSignal.Registration registration = cancel.onCancel(attempt::cancel)) {
            takeSlot(attempt);
            try {
                WorkerProcess worker = acquire(attempt);
                byte[] reply = worker.exchange(request, waitMs(timeoutMs));
                release(worker);
                return decode(reply);
            } finally {
                slots.release();
            }
        } catch (JsFailure f) {
            throw attempt.cancelled ? cancelled() : f;
        }
    }

    /**
     * One request's hold on the worker it runs in, so that a cancellation arriving from another
     * thread at any moment (while it waits for a worker, one starts, or one runs the script)
     * kills the right process.
     */
    private static final class Attempt {
        volatile boolean cancelled;
        // Guarded by this.
        private Runnable kill = () -> { };

        void cancel() {
            Runnable k;
            synchronized (this) {
                cancelled = true;
                k = kill;
            }
            k.run();
        }

        /** The process this request now waits on; killed at once when already cancelled. */
        void runsIn(Runnable killIt) {
            boolean already;
            synchronized (this) {
                kill = killIt;
                already = cancelled;
            }
            if (already) {
                killIt.run();
            }
        }
    }

    private void takeSlot(Attempt attempt) throws JsFailure {
        try {
            while (!slots.tryAcquire(SLOT_POLL_MS, TimeUnit.MILLISECONDS)) {
                if (attempt.cancelled) {
                    throw cancelled();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cancelled();
        }
    }

    private static JsFailure cancelled() {
        return new JsFailure(JsFailure.Kind.CANCELLED, "cancelled");
    }

    private static JsReply decode(byte[] reply) throws JsFailure {
        WireReader r = new WireReader(reply);
        switch (r.readByte()) {
            case Protocol.VALUE:
                return new JsReply.Value(r);
            case Protocol.FUNCTION:
                return new JsReply.Function();
            case Protocol.ERROR:
                throw new JsFailure(JsFailure.Kind.SCRIPT_ERROR, r.readString());
            case Protocol.TIMEOUT:
                throw new JsFailure(JsFailure.Kind.TIMEOUT, "timed out");
            default:
                throw new JsFailure(JsFailure.Kind.CRASH, "unexpected reply");
        }
    }

    private static long waitMs(long timeoutMs) {
        long t = Math.max(0, timeoutMs);
        return t > Long.MAX_VALUE / 4 ? Long.MAX_VALUE / 4 : t + KILL_MARGIN_MS;
    }

    private WorkerProcess acquire(Attempt attempt) throws JsFailure {
        synchronized (idle) {
            while (!idle.isEmpty()) {
                WorkerProcess w = idle.pop().worker();
                if (w.alive()) {
                    attempt.runsIn(w::kill);
                    return w;
                }
            }
        }
        return launch(attempt);
    }

    private void release(WorkerProcess w) {
        synchronized (idle) {
            if (!closed && idle.size() < options.workers()) {
                idle.push(new IdleWorker(w, System.nanoTime()));
                return;
            }
        }
        w.kill();
    }

    /** Stops the workers idle for longer than the retirement time, except the newest one. */
    private void retireIdle() {
        long now = System.nanoTime();
        synchronized (idle) {
            Iterator<IdleWorker> it = idle.iterator();
            if (it.hasNext()) {
                it.next();
            }
            while (it.hasNext()) {
                IdleWorker w = it.next();
                if (now - w.sinceNanos() > retireAfterNanos) {
                    it.remove();
                    w.worker().kill();
                }
            }
        }
    }

    private WorkerProcess launch(Attempt attempt) throws JsFailure {
        refuseWhenClosed();
        Process process;
        try {
            process = launcher.start();
        } catch (IOException e) {
            throw new JsFailure(JsFailure.Kind.CRASH, "cannot start a JavaScript worker: " + e.getMessage());
        }
        live.add(process);
        process.onExit().thenRun(() -> live.remove(process));
        try {
            // Closed while it started: close() may have missed it.
            refuseWhenClosed();
        } catch (JsFailure f) {
            process.destroyForcibly();
            throw f;
        }
        attempt.runsIn(process::destroyForcibly);
        return WorkerProcess.started(process, maxReplyBytes(), START_MS);
    }

    private void refuseWhenClosed() throws JsFailure {
        synchronized (idle) {
            if (closed) {
                throw new JsFailure(JsFailure.Kind.CRASH, "the JavaScript workers are shut down");
            }
        }
    }

    /** The worker processes alive now, busy or idle. */
    List<ProcessHandle> workerProcesses() {
        return live.stream().filter(Process::isAlive).map(Process::toHandle).toList();
    }

    /**
     * The worker builds each reply whole in its heap, so a reply cannot be larger than that heap;
     * a larger frame means a broken worker, and the server never buffers more for one.
     */
    private int maxReplyBytes() {
        return (int) Math.min(Integer.MAX_VALUE - 8, options.memoryMb() * 1024L * 1024);
    }

    /**
     * Kills every worker, idle or running a script (whose query then gets a crash error); no
     * worker starts afterwards.
     */
    @Override
    public void close() {
        synchronized (idle) {
            closed = true;
            idle.clear();
        }
        retirer.shutdownNow();
        live.forEach(Process::destroyForcibly);
    }
}
