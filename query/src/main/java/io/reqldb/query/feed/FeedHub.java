package io.reqldb.query.feed;

import io.reqldb.datum.Datum;
import io.reqldb.storage.Table;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feeds of one table behind a single storage subscription. Storage calls {@link #onChange}
 * after each commit on the committing thread; the hub passes the write to every open feed, so a
 * write costs one listener call per feed and nothing when no feed is open (the subscription is
 * dropped with the last feed).
 */
final class FeedHub implements Table.ChangeListener {
    private static final Logger LOG = LoggerFactory.getLogger(FeedHub.class);
    /** Open hubs by storage table object. */
    private static final Map<Table, FeedHub> HUBS = new IdentityHashMap<>();

    private final Table table;
    private final CopyOnWriteArrayList<Feed> feeds = new CopyOnWriteArrayList<>();
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
            return hub == null ? 0 : hub.feeds.size();
        }
    }

    private void add(Feed feed) {
        synchronized (HUBS) {
            feeds.add(feed);
            if (subscription == null) {
                subscription = table.subscribe(this);
            }
        }
    }

    void remove(Feed feed) {
        synchronized (HUBS) {
            feeds.remove(feed);
            if (feeds.isEmpty()) {
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

    @Override
    public void onChange(Datum oldValue, Datum newValue) {
        Write write = new Write(oldValue, newValue);
        for (Feed feed : feeds) {
            try {
                feed.onChange(write);
            } catch (RuntimeException e) {
                LOG.warn("changefeed failed to take a change", e);
            }
        }
    }
}
