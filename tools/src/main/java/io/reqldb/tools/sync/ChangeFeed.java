package io.reqldb.tools.sync;

import static com.rethinkdb.RethinkDB.r;

import com.rethinkdb.model.OptArgs;
import io.reqldb.tools.conn.Endpoint;
import io.reqldb.tools.conn.FeedConnection;
import io.reqldb.tools.export.TableRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A source table's {@code changes()} read on its own connection ({@link FeedConnection}, one
 * CONTINUE at a time) by its own thread into a queue, as fast as the server sends them, so the
 * server's queue ({@code changefeed_queue_size}) is rarely the one that fills. The feed is open (the server sent its first answer) when
 * {@link #open} returns: every later write to the table is in it. It ends {@link #broken()} when
 * its connection drops, and {@link #overflowed()} when the server says it skipped changes
 * ({@code {"error": "Changefeed cache over array size limit, skipped N elements."}}).
 */
final class ChangeFeed implements AutoCloseable {
    private static final long POLL_MS = 200;

    private final FeedConnection conn;
    private final String pk;
    private final ConcurrentLinkedQueue<Change> queue = new ConcurrentLinkedQueue<>();
    private final Thread reader;
    private volatile boolean closing;
    private volatile boolean broken;
    private volatile String overflow;
    private volatile long lastArrival = System.nanoTime();

    private ChangeFeed(FeedConnection conn, List<Object> first, TableRef ref, String pk) {
        this.conn = conn;
        this.pk = pk;
        take(first);
        this.reader = new Thread(this::read, "reqldb-sync-feed-" + ref);
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens the table's feed on a new connection; {@code queueSize} null for the server's default. */
    static ChangeFeed open(Endpoint source, TableRef ref, String pk, Integer queueSize) {
        FeedConnection conn = source.connectFeed();
        try {
            OptArgs options = KeyDiff.raw();
            if (queueSize != null) {
                options.with("changefeed_queue_size", queueSize);
            }
            List<Object> first = conn.start(r.db(ref.db()).table(ref.table()).changes(), options);
            return new ChangeFeed(conn, first, ref, pk);
        } catch (RuntimeException e) {
            conn.close(false);
            throw e;
        }
    }

    private void read() {
        while (!closing) {
            try {
                List<Object> batch = conn.next(POLL_MS);
                if (batch != null) {
                    take(batch);
                }
            } catch (RuntimeException e) {
                // The connection dropped (or was closed by close()), or the server ended the feed.
                broken = !closing;
                return;
            }
        }
    }

    private void take(List<Object> items) {
        for (Object item : items) {
            if (item instanceof Map<?, ?> change) {
                if (change.containsKey("error") && !change.containsKey("new_val")) {
                    overflow = String.valueOf(change.get("error"));
                    continue;
                }
                Object newValue = change.get("new_val");
                Object oldValue = change.get("old_val");
                Object key = ((Map<?, ?>) (newValue != null ? newValue : oldValue)).get(pk);
                lastArrival = System.nanoTime();
                queue.add(new Change(key, newValue, lastArrival));
            }
        }
    }

    /** The changes received since the last call, oldest first. */
    List<Change> drain() {
        List<Change> changes = new ArrayList<>();
        for (Change c; (c = queue.poll()) != null; ) {
            changes.add(c);
        }
        return changes;
    }

    /** Changes received and not yet drained. */
    int pending() {
        return queue.size();
    }

    /** When the oldest change not yet drained arrived, or 0 when none waits. */
    long oldestPending() {
        Change oldest = queue.peek();
        return oldest == null ? 0 : oldest.arrived();
    }

    /** When the last change arrived ({@link System#nanoTime()}), or when the feed opened. */
    long lastArrival() {
        return lastArrival;
    }

    /** True when the connection dropped: changes may be lost from then on. */
    boolean broken() {
        return broken;
    }

    /** The server's message when it skipped changes, else null. */
    String overflowed() {
        return overflow;
    }

    @Override
    public void close() {
        closing = true;
        conn.close(false);
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
