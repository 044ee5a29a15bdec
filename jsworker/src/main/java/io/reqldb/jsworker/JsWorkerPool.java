package io.reqldb.jsworker;

import io.reqldb.jsworker.wire.Protocol;
import io.reqldb.jsworker.wire.WireReader;
import io.reqldb.jsworker.wire.WireWriter;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.Semaphore;

/**
 * Runs scripts in worker processes, keeping idle workers warm for the next query (a worker's
 * start costs a fraction of a second; a warm one answers in microseconds). At most
 * {@link JsWorkerOptions#workers()} run at once; more queries wait for one.
 *
 * <p>A script's {@code timeout} is enforced twice: the worker's Rhino stops the script at its
 * deadline and answers (the worker stays warm), and, should no answer come within
 * {@link #KILL_MARGIN_MS} after that (a script stuck where Rhino does not look at the clock, such
 * as a runaway regular expression), the pool kills the worker. A worker is also killed when the
 * waiting thread is interrupted (the query was cancelled); one that died is replaced by a fresh
 * one on the next request. Thread-safe.
 */
public final class JsWorkerPool implements AutoCloseable {
    /** How long after a script's deadline a worker that has not answered is killed. */
    static final long KILL_MARGIN_MS = 250;
    /** How long a new worker may take to start before it counts as crashed. */
    private static final long START_MS = 60_000;

    private final JsWorkerOptions options;
    private final WorkerLauncher launcher;
    private final Semaphore running;
    private final ArrayDeque<WorkerProcess> idle = new ArrayDeque<>();
    private boolean closed;

    public JsWorkerPool(JsWorkerOptions options) {
        this.options = options;
        this.launcher = new WorkerLauncher(options.memoryMb());
        this.running = new Semaphore(options.workers(), true);
    }

    public JsWorkerOptions options() {
        return options;
    }

    /** Evaluates {@code source}; a function result can then be called with {@link #call}. */
    public JsReply eval(String source, long timeoutMs) throws JsFailure {
        WireWriter request = new WireWriter().writeByte(Protocol.EVAL).writeLong(timeoutMs).writeString(source);
        return run(request, timeoutMs);
    }

    /**
     * Starts a call of the function that {@code source} evaluates to: write the arguments' count
     * and values to the returned writer, then pass it to {@link #finishCall}.
     */
    public static WireWriter callRequest(String source, long timeoutMs) {
        return new WireWriter().writeByte(Protocol.CALL).writeLong(timeoutMs).writeString(source);
    }

    /** Sends a call built with {@link #callRequest} and returns the function's value. */
    public JsReply finishCall(WireWriter request, long timeoutMs) throws JsFailure {
        return run(request, timeoutMs);
    }

    /** Starts one worker ahead of the first script, in the background, so that it finds one warm. */
    public void warmUp() {
        Thread t = new Thread(() -> {
            try {
                release(launch());
            } catch (JsFailure e) {
                // The first script will try again and report it.
            }
        }, "js-worker-warm-up");
        t.setDaemon(true);
        t.start();
    }

    private JsReply run(WireWriter request, long timeoutMs) throws JsFailure {
        try {
            running.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JsFailure(JsFailure.Kind.CANCELLED, "interrupted");
        }
        try {
            WorkerProcess worker = acquire();
            byte[] reply = worker.exchange(request, waitMs(timeoutMs));
            release(worker);
            return decode(reply);
        } finally {
            running.release();
        }
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

    private WorkerProcess acquire() throws JsFailure {
        synchronized (idle) {
            while (!idle.isEmpty()) {
                WorkerProcess w = idle.pop();
                if (w.alive()) {
                    return w;
                }
            }
        }
        return launch();
    }

    private void release(WorkerProcess w) {
        synchronized (idle) {
            if (!closed && idle.size() < options.workers()) {
                idle.push(w);
                return;
            }
        }
        w.kill();
    }

    private WorkerProcess launch() throws JsFailure {
        try {
            return WorkerProcess.started(launcher.start(), maxReplyBytes(), START_MS);
        } catch (IOException e) {
            throw new JsFailure(JsFailure.Kind.CRASH, "cannot start a JavaScript worker: " + e.getMessage());
        }
    }

    /** A reply cannot be larger than the worker's heap could hold; larger means a broken worker. */
    private int maxReplyBytes() {
        return (int) Math.min(Integer.MAX_VALUE - 8, options.memoryMb() * 4L * 1024 * 1024);
    }

    /** Kills every idle worker; workers still running a script are killed when they finish. */
    @Override
    public void close() {
        synchronized (idle) {
            closed = true;
            idle.forEach(WorkerProcess::kill);
            idle.clear();
        }
    }
}
