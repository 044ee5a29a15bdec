package io.reqldb.server.conn;

import io.reqldb.datum.DeepStackThreads;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads queries run on, never the event loop's, each pool with a fixed ceiling. Two pools,
 * because a busy changefeed's read waits a few milliseconds to gather its batch (an idle feed
 * holds no thread, see {@link Cursor}): a burst of such reads must not delay other queries. So
 * reads of streams that are feeds go to a pool of their own, everything else to one sized for
 * storage work.
 *
 * <p>Both pools start a thread only when no thread of theirs is idle (up to their ceiling; then
 * work queues) and let idle threads die off: a plain {@link ThreadPoolExecutor} starts a new
 * thread for every task until it holds its core size, so a feed pool with a ceiling of a
 * thousand ended up holding a thousand threads after a busy minute of 20 feeds.
 */
public final class WorkerPools implements AutoCloseable {
    private final ThreadPoolExecutor queries;
    private final ThreadPoolExecutor feeds;

    /**
     * @param queryThreads threads for evaluation and ordinary batches
     * @param feedThreads  most threads reading changefeed batches at once; further reads queue
     */
    public WorkerPools(int queryThreads, int feedThreads) {
        queries = pool(queryThreads, "reqldb-query-");
        feeds = pool(feedThreads, "reqldb-feed-");
    }

    private static ThreadPoolExecutor pool(int threads, String prefix) {
        GrowOnlyWhenBusyQueue queue = new GrowOnlyWhenBusyQueue();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(0, threads, 30, TimeUnit.SECONDS, queue,
                DeepStackThreads.daemons(prefix), (task, full) -> {
                    if (full.isShutdown()) {
                        throw new RejectedExecutionException("the server is stopping");
                    }
                    queue.enqueue(task);   // every thread busy and at the ceiling: wait for one
                });
        queue.pool = pool;
        return pool;
    }

    /**
     * Refuses a task (so the pool starts a thread) only while every thread is busy and the pool is
     * below its ceiling; otherwise queues it for an idle or the next free thread.
     */
    private static final class GrowOnlyWhenBusyQueue extends LinkedBlockingQueue<Runnable> {
        private volatile ThreadPoolExecutor pool;

        @Override
        public boolean offer(Runnable task) {
            ThreadPoolExecutor p = pool;
            if (p != null && p.getActiveCount() >= p.getPoolSize() - size() && p.getPoolSize() < p.getMaximumPoolSize()) {
                return false;
            }
            return super.offer(task);
        }

        void enqueue(Runnable task) {
            super.offer(task);
        }
    }

    ExecutorService queries() {
        return queries;
    }

    ExecutorService feeds() {
        return feeds;
    }

    /**
     * Stops taking work. Tasks already queued still run briefly, because closing connections
     * queues the steps that close their streams; whatever is still running after that is
     * interrupted.
     */
    @Override
    public void close() {
        queries.shutdown();
        feeds.shutdown();
        try {
            queries.awaitTermination(2, TimeUnit.SECONDS);
            feeds.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        queries.shutdownNow();
        feeds.shutdownNow();
    }
}
