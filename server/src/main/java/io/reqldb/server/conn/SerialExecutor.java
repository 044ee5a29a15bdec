package io.reqldb.server.conn;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in the order given, each on the pool named with it. A connection uses
 * one to take its queries in arrival order, and each cursor one so that its batches, and the
 * STOP that ends it, happen in order without holding a thread while waiting.
 */
final class SerialExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

    private record Task(Runnable body, Executor pool) {
    }

    private final ArrayDeque<Task> queue = new ArrayDeque<>();
    private boolean running;

    /** Queues a task to run on {@code pool} after every task queued before it. */
    void execute(Runnable body, Executor pool) {
        synchronized (this) {
            queue.addLast(new Task(body, pool));
            if (running) {
                return;
            }
            running = true;
        }
        scheduleNext();
    }

    /** Whether no task is queued or running, so one run now by the caller would not overtake any. */
    synchronized boolean isIdle() {
        return !running;
    }

    private void scheduleNext() {
        Task next;
        synchronized (this) {
            next = queue.pollFirst();
            if (next == null) {
                running = false;
                return;
            }
        }
        Task task = next;
        try {
            task.pool().execute(() -> {
                try {
                    task.body().run();
                } finally {
                    scheduleNext();
                }
            });
        } catch (RejectedExecutionException e) {
            // Only a pool that is shutting down refuses work; its connections are closing too.
            LOG.debug("dropped a task: worker pool is shut down");
            synchronized (this) {
                queue.clear();
                running = false;
            }
        }
    }
}
