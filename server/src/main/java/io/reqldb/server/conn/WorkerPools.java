package io.reqldb.server.conn;

import io.reqldb.datum.DeepStackThreads;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads queries run on, never the event loop's. Two pools, because a changefeed read may
 * block for as long as nothing changes: if feeds shared the query pool, a few hundred idle feeds
 * would starve every other query. So reads of streams that are feeds go to a larger pool whose
 * idle threads die off, and everything else to a fixed pool sized for storage work.
 */
public final class WorkerPools implements AutoCloseable {
    private final ThreadPoolExecutor queries;
    private final ThreadPoolExecutor feeds;

    /**
     * @param queryThreads threads for evaluation and ordinary batches
     * @param feedThreads  most threads that may wait in changefeed reads at once; further reads queue
     */
    public WorkerPools(int queryThreads, int feedThreads) {
        queries = pool(queryThreads, "reqldb-query-");
        feeds = pool(feedThreads, "reqldb-feed-");
    }

    private static ThreadPoolExecutor pool(int threads, String prefix) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), DeepStackThreads.daemons(prefix));
        pool.allowCoreThreadTimeOut(true);
        return pool;
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
