package io.reqldb.query.feed;

import io.reqldb.storage.Table;
import io.reqldb.storage.Table.WriteResult;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feeds of one table behind a single storage subscription (dropped with the last feed, so a
 * table without feeds pays nothing).
 *
 * <p>Why a log rather than a call per feed: with a hundred feeds open, handing every write to
 * every feed on the committing thread (lock the feed, build its change, wake its reader) made one
 * thread do a hundred feeds' work per write and wake a hundred readers. Instead storage's group
 * of writes is appended once to a shared log of {@link WriteGroup}s, and each feed's reader turns
 * the writes since its own position into changes when it reads ({@link Feed#catchUp}), in bulk
 * and under its own lock. Publishing costs the same with one feed or a hundred, apart from waking
 * the readers that sleep waiting for a write, once per group.
 *
 * <p>Two kinds of feed take writes on the publishing thread instead: those that must see each
 * write while the table is as it left it ({@link Feed#takesWritesEagerly}, {@code order_by.limit}
 * windows re-read the table), and any lazy feed more than {@link #MAX_LAG} writes behind, so that
 * a reader that stops reading cannot make the log grow without bound; its queue then overflows as
 * it always did ({@code changefeed_queue_size}).
 */
final class FeedHub implements Table.ChangeListener {
    private static final Logger LOG = LoggerFactory.getLogger(FeedHub.class);
    /** Open hubs by storage table object. */
    private static final Map<Table, FeedHub> HUBS = new IdentityHashMap<>();
    /** Most writes a feed leaves unread in the log before the publisher processes them for it. */
    static final long MAX_LAG = 4096;
    /** Lagging feeds are looked for once per this many writes, not on every group. */
    private static final long LAG_CHECK_EVERY = 1024;

    private final Table table;
    private final CopyOnWriteArrayList<Feed> lazy = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Feed> eager = new CopyOnWriteArrayList<>();
    /** Readers asleep until the next write; each feed is in here at most once (see {@link Feed}). */
    private final ConcurrentLinkedQueue<Feed> waiting = new ConcurrentLinkedQueue<>();
    private final Object publishing = new Object();
    /** The newest group; a joining feed starts reading after it. */
    private volatile WriteGroup tail = WriteGroup.origin();
    private AutoCloseable subscription;

    private FeedHub(Table table) {
        this.table = table;
    }

    /** Adds a feed to its table's hub (created on first use) and returns the hub. */
    static FeedHub join(Table table, Feed feed) {
        synchronized (HUBS) {
            FeedHub hub = HUBS.computeIfAbsent(table, FeedHub::new);
            hub.add(feed);
            return hub;
        }
    }

    /** Number of open feeds on a table (for tests and monitoring). */
    static int feedCount(Table table) {
        synchronized (HUBS) {
            FeedHub hub = HUBS.get(table);
            return hub == null ? 0 : hub.lazy.size() + hub.eager.size();
        }
    }

    private void add(Feed feed) {
        synchronized (publishing) {
            // From here on the feed sees every group published, and nothing before.
            feed.startReadingAfter(tail);
            (feed.takesWritesEagerly() ? eager : lazy).add(feed);
        }
        if (subscription == null) {
            subscription = table.subscribe(this);
        }
    }

    void remove(Feed feed) {
        synchronized (HUBS) {
            lazy.remove(feed);
            eager.remove(feed);
            waiting.remove(feed);
            if (lazy.isEmpty() && eager.isEmpty()) {
                HUBS.remove(table);
                if (subscription != null) {
                    try {
                        subscription.close();
                    } catch (Exception e) {
                        LOG.warn("closing a change subscription failed", e);
                    }
                    subscription = null;
                }
            }
        }
    }

    /** The newest group published. */
    WriteGroup tail() {
        return tail;
    }

    /**
     * Wakes the feed's reader at the next publication. The caller has marked the feed as waiting
     * and then re-reads {@link #tail}: either it sees a group published meanwhile, or that
     * publisher finds the feed here (both sides write, then read, volatile state).
     */
    void wakeOnNextWrite(Feed feed) {
        waiting.add(feed);
    }

    /**
     * The heap is short: feeds, of every table, more than {@link #MAX_LAG} changes behind drop what
     * waits for them.
     * A feed's queue is bounded by count ({@code changefeed_queue_size}, 100,000 by default), not
     * by bytes: a few feeds whose readers stopped, on busy tables of large documents, would
     * otherwise hold the heap (three stalled feeds and 100k writes of 850 bytes each filled a 256
     * MB heap).
     */
    private static void shedLaggingFeeds() {
        List<FeedHub> hubs;
        synchronized (HUBS) {
            hubs = List.copyOf(HUBS.values());
        }
        // Every table's feeds, not only this one's: the backlog may sit on tables no longer written.
        for (FeedHub hub : hubs) {
            for (Feed feed : hub.lazy) {
                if (feed.shedIfMoreThan((int) MAX_LAG)) {
                    LOG.warn("heap short: a changefeed more than {} changes behind dropped them", MAX_LAG);
                }
            }
        }
    }

    @Override
    public void onChanges(List<WriteResult> changes) {
        WriteGroup g;
        long before;
        synchronized (publishing) {
            before = tail.end;
            g = tail.append(changes);
            tail = g;
        }
        for (Feed feed : eager) {
            feed.catchUp(true);
        }
        if (g.end / LAG_CHECK_EVERY != before / LAG_CHECK_EVERY) {
            for (Feed feed : lazy) {
                if (g.end - feed.seen() > MAX_LAG) {
                    feed.catchUp(false);
                }
            }
            if (HeapPressure.high()) {
                shedLaggingFeeds();
            }
        }
        for (Feed feed = waiting.poll(); feed != null; feed = waiting.poll()) {
            feed.writeArrived();
        }
    }
}
