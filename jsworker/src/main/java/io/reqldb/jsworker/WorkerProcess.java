package io.reqldb.jsworker;

import io.reqldb.jsworker.wire.Protocol;
import io.reqldb.jsworker.wire.WireReader;
import io.reqldb.jsworker.wire.WireWriter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One worker process, used by one query at a time. A reader thread takes the worker's replies
 * off its standard output, so that the query's thread waits for a reply in a way that a deadline
 * or an interrupt can end: either kills the process.
 */
final class WorkerProcess {
    /** The exit code of a JVM stopped by {@code -XX:+ExitOnOutOfMemoryError}. */
    private static final int OUT_OF_MEMORY_EXIT = 3;

    private final Process process;
    private final OutputStream toWorker;
    private final int maxReplyBytes;
    /** Until the worker says it is ready, its start-up; then each request's reply in turn. */
    private volatile CompletableFuture<byte[]> pending = new CompletableFuture<>();
    /** Set when the worker's output has ended: no reply will ever come again. */
    private volatile boolean ended;

    private WorkerProcess(Process process, int maxReplyBytes) {
        this.process = process;
        this.toWorker = new BufferedOutputStream(process.getOutputStream(), 1 << 16);
        this.maxReplyBytes = maxReplyBytes;
    }

    /**
     * Waits until a just-started worker is ready, so that no script's time is spent on a JVM's
     * start (which a busy machine can stretch to seconds).
     *
     * @throws JsFailure CRASH when it died or did not start within {@code startMs}, CANCELLED
     *                   when interrupted; it is killed in both cases
     */
    static WorkerProcess started(Process process, int maxReplyBytes, long startMs) throws JsFailure {
        WorkerProcess w = new WorkerProcess(process, maxReplyBytes);
        CompletableFuture<byte[]> ready = w.pending;
        Thread reader = new Thread(w::readReplies, "js-worker-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        try {
            byte[] first = ready.get(startMs, TimeUnit.MILLISECONDS);
            if (first[0] != Protocol.READY) {
                throw w.died();
            }
            return w;
        } catch (TimeoutException | ExecutionException e) {
            throw w.died();
        } catch (InterruptedException e) {
            w.kill();
            Thread.currentThread().interrupt();
            throw new JsFailure(JsFailure.Kind.CANCELLED, "interrupted");
        }
    }

    boolean alive() {
        return !ended && process.isAlive();
    }

    /**
     * Sends one request frame and waits for its reply.
     *
     * @param waitMs how long to wait before killing the worker (its own deadline plus a margin)
     * @return the reply's body
     * @throws JsFailure TIMEOUT, OUT_OF_MEMORY, CRASH or CANCELLED; the worker is dead after any
     */
    byte[] exchange(WireWriter request, long waitMs) throws JsFailure {
        CompletableFuture<byte[]> reply = new CompletableFuture<>();
        pending = reply;
        if (ended) {
            throw died();
        }
        try {
            request.writeFrameTo(toWorker);
            toWorker.flush();
        } catch (IOException e) {
            throw died();
        }
        try {
            return reply.get(waitMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            kill();
            throw new JsFailure(JsFailure.Kind.TIMEOUT, "timed out");
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
            throw new JsFailure(JsFailure.Kind.CANCELLED, "interrupted");
        } catch (ExecutionException e) {
            throw died();
        }
    }

    void kill() {
        process.destroyForcibly();
    }

    private JsFailure died() {
        kill();
        try {
            if (process.waitFor(2, TimeUnit.SECONDS) && process.exitValue() == OUT_OF_MEMORY_EXIT) {
                return new JsFailure(JsFailure.Kind.OUT_OF_MEMORY, "out of memory");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new JsFailure(JsFailure.Kind.CRASH, "worker died");
    }

    private void readReplies() {
        DataInputStream in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
        try {
            byte[] body;
            while ((body = WireReader.readFrame(in, maxReplyBytes)) != null) {
                CompletableFuture<byte[]> p = pending;
                if (p == null || body.length == 0 || !knownStatus(body[0])) {
                    break;
                }
                pending = null;
                p.complete(body);
            }
        } catch (IOException e) {
            // Killed, crashed, or broke the protocol: all end here.
        }
        ended = true;
        kill();
        CompletableFuture<byte[]> p = pending;
        if (p != null) {
            p.completeExceptionally(new IOException("worker output ended"));
        }
    }

    /** Whether a reply starts with a status byte; anything else means a broken worker. */
    private static boolean knownStatus(byte status) {
        return status == Protocol.VALUE || status == Protocol.FUNCTION || status == Protocol.ERROR
                || status == Protocol.TIMEOUT || status == Protocol.READY;
    }
}
