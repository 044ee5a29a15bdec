package io.reqldb.query.feed;

import io.reqldb.datum.Datum;
import io.reqldb.datum.EstimatedSize;
import io.reqldb.query.ResultStream;
import io.reqldb.query.eval.Sequence;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves a query whose result reads from changefeeds. As in RethinkDB, the first batch answers at
 * once with whatever is ready (possibly nothing), so the client gets its cursor; later batches
 * wait for the first change, then take what is already available, or, when the feed is busy,
 * what arrives within a few more milliseconds (fewer, fuller batches under load). {@link #close} may come
 * from another thread (STOP, disconnect) and wakes a waiting {@link #nextBatch}.
 *
 * <p>A busy feed's next batch does not ask to be woken by the first write at all: it sleeps the
 * few milliseconds and takes what has come, which spares the writers a wake-up per feed per batch
 * and delays no change longer than waking and then gathering did. Only when nothing came does it
 * go back to waiting for the first change.
 *
 * <p>Each batch costs the server a fixed price (a CONTINUE to parse and dispatch, two thread
 * hand-offs, a socket write) on top of its rows. With a hundred busy feeds, 5-millisecond
 * batches of a few rows each would spend the server on that price, so the gathering time is
 * stretched with the number of busy feeds: every {@link #FEEDS_PER_WINDOW} busy feeds add
 * {@link #COALESCE_NANOS}, up to {@link #MAX_COALESCE_NANOS}. The server then sends roughly the
 * same number of busy-feed batches per second however many feeds there are, and each batch
 * carries more rows.
 */
final class FeedResultStream implements ResultStream {
    /** A first change that arrives within this of the request means the feed is busy. */
    private static final long BUSY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** How long a busy feed's batch may wait for more changes after its first. */
    private static final long COALESCE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** Busy feeds that share one {@link #COALESCE_NANOS} of gathering time. */
    private static final int FEEDS_PER_WINDOW = 25;
    /** The longest a busy feed's batch gathers. */
    private static final long MAX_COALESCE_NANOS = TimeUnit.MILLISECONDS.toNanos(25);
    /** Open feed streams whose last batch was busy, in this process. */
    private static final AtomicInteger BUSY_FEEDS = new AtomicInteger();

    private final Sequence pipeline;
    private final List<FeedSequence> feeds;
    private volatile boolean exhausted;
    private boolean first = true;
    /** The last batch stopped because it was full, not because changes ran out (no squash wait then). */
    private boolean midBatch;
    /** The last batch's first change came within {@link #BUSY_NANOS} (counted in {@link #BUSY_FEEDS}). */
    private final AtomicBoolean busy = new AtomicBoolean();
    /** The reader uses {@link #awaitReady}: batches never wait for a first change. */
    private boolean awaited;
    /** When the reader asked for the batch being read ({@link #awaitReady}), for the busy test. */
    private long requestedAt;
    /** The batch being read has begun (its squash wait set) and returned nothing yet. */
    private boolean begun;

    FeedResultStream(Sequence pipeline, List<FeedSequence> feeds) {
        this.pipeline = pipeline;
        this.feeds = feeds;
    }

    @Override
    public List<Datum> nextBatch(int maxRows, long maxBytes) {
        List<Datum> rows = new ArrayList<>();
        if (exhausted) {
            return rows;
        }
        beginBatch();
        long bytes = 0;
        midBatch = false;
        long start = awaited ? requestedAt : System.nanoTime();
        // What is ready when the reader asks: all an awaiting reader takes (it was called back
        // because something is), the rest of the batch for a blocking one.
        long idle = awaited ? System.nanoTime() : Long.MAX_VALUE;
        boolean gathering = busy.get() && !first;
        long more = first ? start : gathering ? start + gatheringNanos() : idle;
        boolean deadlineSet = false;
        long deadline = 0;
        try {
            while (rows.size() < maxRows && bytes < maxBytes) {
                if (!deadlineSet || deadline != more) {
                    // Told only when it changes: a volatile write per feed per row adds up.
                    for (FeedSequence f : feeds) {
                        f.setDeadline(more);
                    }
                    deadline = more;
                    deadlineSet = true;
                }
                Datum d;
                try {
                    d = pipeline.next();
                } catch (BatchBoundary nothingYet) {
                    if (!rows.isEmpty() || !gathering) {
                        throw nothingYet;
                    }
                    // A busy feed went quiet: wait for its next change as usual.
                    gathering = false;
                    setBusy(false);
                    more = idle;
                    continue;
                }
                if (d == null) {
                    close();
                    break;
                }
                if (rows.isEmpty() && !gathering) {
                    long now = System.nanoTime();
                    // A feed whose first change came at once is busy: give the batch a few
                    // milliseconds to fill, which saves a round trip per change under load.
                    setBusy(!first && now - start < BUSY_NANOS);
                    more = busy.get() ? now + gatheringNanos() : now;
                }
                rows.add(d);
                bytes += EstimatedSize.of(d);
            }
            midBatch = !exhausted;
        } catch (BatchBoundary nothingMore) {
            // The batch ends with what was ready.
        } catch (RuntimeException e) {
            close();
            throw e;
        } finally {
            first = false;
        }
        // An awaiting reader that got nothing (its changes did not pass the query's filter) asks
        // again within the same batch: the squash wait is not started over.
        begun = awaited && rows.isEmpty() && !exhausted;
        return rows;
    }

    private void beginBatch() {
        if (!begun) {
            for (FeedSequence f : feeds) {
                f.feed().beginBatch(first || midBatch);
            }
            begun = true;
        }
    }

    @Override
    public void awaitReady(Runnable ready) {
        awaited = true;
        requestedAt = System.nanoTime();
        if (exhausted || first || midBatch) {
            ready.run();
            return;
        }
        beginBatch();
        AtomicBoolean once = new AtomicBoolean();
        Runnable first = () -> {
            if (once.compareAndSet(false, true)) {
                ready.run();
            }
        };
        for (FeedSequence f : feeds) {
            f.whenReady(first);
        }
    }

    @Override
    public boolean isExhausted() {
        return exhausted;
    }

    @Override
    public List<Integer> notes() {
        Set<Integer> notes = new LinkedHashSet<>();
        if (feeds.size() > 1) {
            notes.add(4);
        } else {
            notes.add(feeds.get(0).feed().feedNote());
        }
        for (FeedSequence f : feeds) {
            if (f.feed().options().includeStates()) {
                notes.add(5);
            }
        }
        return List.copyOf(notes);
    }

    /** Counts this stream among the busy ones or not; {@link #close} (any thread) leaves it uncounted. */
    private void setBusy(boolean b) {
        if (busy.compareAndSet(!b, b)) {
            BUSY_FEEDS.addAndGet(b ? 1 : -1);
            if (b && exhausted) {
                setBusy(false);
            }
        }
    }

    /** How long a busy feed's batch gathers: longer when many feeds are busy. */
    private static long gatheringNanos() {
        int shares = Math.max(1, BUSY_FEEDS.get() / FEEDS_PER_WINDOW);
        return Math.min(COALESCE_NANOS * shares, MAX_COALESCE_NANOS);
    }

    @Override
    public void close() {
        exhausted = true;
        setBusy(false);
        for (FeedSequence f : feeds) {
            f.close();
        }
        pipeline.close();
    }
}
