package io.reqldb.storage.rocksdb;

import io.reqldb.datum.DeepStackThreads;
import io.reqldb.storage.KeyRange;
import io.reqldb.storage.rocksdb.CatalogView.IndexView;
import io.reqldb.storage.rocksdb.CatalogView.TableView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds secondary indexes over existing documents in the background, one build at a time (the
 * machine's cores belong to queries first).
 *
 * <p>The index is registered before the build starts, so every write from then on maintains it;
 * the build walks the documents that existed and writes their entries chunk by chunk through
 * {@link RocksTable#buildChunk}, which re-reads each document under the writers' locks. When the
 * walk ends the index is marked ready. A build whose index or table disappears stops at the next
 * chunk; one interrupted by shutdown restarts from the beginning on the next open (entries are
 * idempotent puts).
 */
final class IndexBuilder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IndexBuilder.class);

    private final StoreContext ctx;
    private final ExecutorService executor =
            Executors.newSingleThreadExecutor(DeepStackThreads.daemons("reqldb-index-build-"));
    private final Map<Integer, Double> progress = new ConcurrentHashMap<>();
    /** When each queued build was asked for (rethinkdb.jobs reports its duration). */
    private final Map<Integer, Long> started = new ConcurrentHashMap<>();
    private volatile boolean closed;

    IndexBuilder(StoreContext ctx) {
        this.ctx = ctx;
    }

    /** Queues a build; once closing, does nothing, as the build resumes on the next open. */
    void start(RocksTable table, IndexView index) {
        if (closed) {
            return;
        }
        progress.put(index.number(), 0.0);
        started.put(index.number(), System.currentTimeMillis());
        try {
            executor.execute(() -> {
                try {
                    build(table, index.number());
                } catch (RuntimeException e) {
                    if (!closed) {
                        LOG.error("building index `{}` failed", index.definition().name(), e);
                    }
                } finally {
                    progress.remove(index.number());
                    started.remove(index.number());
                }
            });
        } catch (RejectedExecutionException closing) {
            progress.remove(index.number());
            started.remove(index.number());
        }
    }

    /** When the build of this index was queued (epoch milliseconds); 0 when none is queued. */
    long startMillis(int indexNumber) {
        return started.getOrDefault(indexNumber, 0L);
    }

    /** Fraction done of a running build; 0 when it has not started. */
    double progress(int indexNumber) {
        return progress.getOrDefault(indexNumber, 0.0);
    }

    private void build(RocksTable table, int indexNumber) {
        TableView t;
        try {
            t = table.view();
        } catch (RuntimeException dropped) {
            return;
        }
        double total = Math.max(1, table.count());
        long done = 0;
        byte[][] bounds = Keys.bounds(Keys.tablePrefix(t.number()), KeyRange.ALL);
        try (RangeIterator it = new RangeIterator(ctx, ctx.documents(), bounds, false, null, false, null)) {
            List<byte[]> chunk = new ArrayList<>(RocksTable.CHUNK);
            while (!closed) {
                chunk.clear();
                while (chunk.size() < RocksTable.CHUNK && it.valid()) {
                    chunk.add(it.key());
                    it.advance();
                }
                if (chunk.isEmpty()) {
                    break;
                }
                if (!table.buildChunk(indexNumber, chunk)) {
                    return;
                }
                done += chunk.size();
                progress.put(indexNumber, Math.min(0.99, done / total));
            }
        }
        if (!closed) {
            table.finishBuild(indexNumber);
        }
    }

    /** Stops builds at the next chunk and waits for them, so RocksDB can close under them. */
    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("index build did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
