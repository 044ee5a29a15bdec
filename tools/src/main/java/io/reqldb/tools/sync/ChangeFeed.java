package io.reqldb.tools.sync;

import static com.rethinkdb.RethinkDB.r;

import com.rethinkdb.model.OptArgs;
import com.rethinkdb.net.Connection;
import com.rethinkdb.net.Result;
import io.reqldb.tools.conn.Endpoint;
import io.reqldb.tools.export.TableRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A source table's {@code changes()} read on its own connection by its own thread into a queue,
 * as fast as the server sends them, so the server's queue ({@code changefeed_queue_size}) is
 * rarely the one that fills. The feed is open (the server sent its first answer) when
 * {@link #open} returns: every later write to the table is in it. It ends {@link #broken()} when
 * its connection drops, and {@link #overflowed()} when the server says it skipped changes
 * ({@code {"error": "Changefeed cache over array size limit, skipped N elements."}}).
 */
final class ChangeFeed implements AutoCloseable {
    private static final long POLL_MS = 200;

    private final Connection conn;
    private final Result<Object> result;
    private final String pk;
    private final ConcurrentLinkedQueue<Change> queue = new ConcurrentLinkedQueue<>();
    private final Thread reader;
    private volatile boolean closing;
    private volatile boolean broken;
    private volatile String overflow;
    private volatile long lastArrival = System.nanoTime();

    private ChangeFeed(Connection conn, Result<Object> result, TableRef ref, String pk) {
        this.conn = conn;
        this.result = result;
        this.pk = pk;
        this.reader = new Thread(this::read, "reqldb-sync-feed-" + ref);
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens the table's feed on a new connection; {@code queueSize} null for the server's default. */
    static ChangeFeed open(Endpoint source, TableRef ref, String pk, Integer queueSize) {
        Connection conn = source.connect();
        try {
            OptArgs options = KeyDiff.raw();
            if (queueSize != null) {
                options.with("changefeed_queue_size", queueSize);
            }
            Result<Object> result = r.db(ref.db()).table(ref.table()).changes().run(conn, options);
            return new ChangeFeed(conn, result, ref, pk);
        } catch (RuntimeException e) {
            conn.close(false);
            throw e;
        }
    }

    private void read() {
        while (!closing) {
            Object item;
            try {
                item = result.next(POLL_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException quiet) {
                continue;
            } catch (RuntimeException e) {
                // The connection dropped (or was closed by close()).
                broken = !closing;
                return;
            }
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
