package io.reqldb.tools.sync;

import static com.rethinkdb.RethinkDB.r;

import com.rethinkdb.net.Connection;
import io.reqldb.tools.conn.Endpoint;
import io.reqldb.tools.conn.WireValue;
import io.reqldb.tools.export.PageQuery;
import io.reqldb.tools.export.TableRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One table kept in sync: its feed is opened first, then its rows are copied in primary-key
 * pages as dump reads them ({@link PageQuery}), then the changes the feed delivered during and
 * after the copy are applied in order. Whatever a page read, each key's last change is applied
 * after it, so the target converges to the source. When the feed breaks or overflows, a new
 * feed is opened and the table is repaired: the keys whose rows differ ({@link KeyDiff}) are
 * copied again or deleted, and the old feed's unapplied changes are dropped (the repair read
 * the rows after they happened).
 */
final class TableSync implements AutoCloseable {
    private static final int PAGE_ROWS = 1000;
    private static final int REPAIR_BATCH = 500;

    private final TableRef ref;
    private final String pk;
    private final Endpoint source;
    private final Integer feedQueueSize;
    private final TargetWriter target;
    private Connection reads;
    private ChangeFeed feed;
    private long copied;
    private long applied;
    private long repairs;

    TableSync(TableRef ref, String pk, Endpoint source, Integer feedQueueSize, TargetWriter target) {
        this.ref = ref;
        this.pk = pk;
        this.source = source;
        this.feedQueueSize = feedQueueSize;
        this.target = target;
    }

    TableRef table() {
        return ref;
    }

    /** Opens the feed, then copies every row; {@code betweenPages} runs after each page. */
    void start(Runnable betweenPages) {
        reads = source.connect();
        feed = Retry.run("opening the changefeed of " + ref, () -> { }, () -> ChangeFeed.open(source, ref, pk, feedQueueSize));
        Object after = null;
        while (true) {
            final Object from = after;
            List<?> page = (List<?>) Retry.run("reading " + ref, this::reconnect,
                    () -> PageQuery.of(ref, pk, from, PAGE_ROWS).run(reads, KeyDiff.raw()).single());
            List<?> rows = (List<?>) page.get(2);
            target.upsert(ref, pk, rows);
            copied += rows.size();
            betweenPages.run();
            if (rows.size() < PAGE_ROWS) {
                return;
            }
            after = ((List<?>) page.get(1)).get(0);
        }
    }

    /**
     * Applies the changes received so far (only each key's last one), after a repair when the
     * feed broke or overflowed; returns how many were applied.
     */
    int catchUp(Consumer<String> say) {
        if (feed.broken() || feed.overflowed() != null) {
            say.accept(ref + ": " + (feed.broken() ? "the changefeed's connection dropped"
                    : "the source skipped changes (" + feed.overflowed() + ")") + "; re-reading the table");
            repair();
        }
        List<Change> changes = feed.drain();
        if (changes.isEmpty()) {
                return 0;
        }
        Map<Object, Object> last = new LinkedHashMap<>();
        for (Change change : changes) {
            last.remove(change.key()); // keeps the order of last changes
            last.put(change.key(), change.newValue());
        }
        List<Object> upserts = new ArrayList<>();
        List<Object> deletes = new ArrayList<>();
        last.forEach((key, value) -> {
            if (value == null) {
                deletes.add(key);
            } else {
                upserts.add(value);
            }
        });
        target.upsert(ref, pk, upserts);
        target.delete(ref, deletes);
        applied += changes.size();
        return changes.size();
    }

    private void repair() {
        feed.close();
        feed = Retry.run("reopening the changefeed of " + ref, () -> { }, () -> ChangeFeed.open(source, ref, pk, feedQueueSize));
        repairs++;
        List<Object> keys = Retry.run("comparing " + ref, this::reconnect,
                () -> {
                    try (Connection onTarget = target.endpoint().connect()) {
                        return KeyDiff.find(reads, onTarget, ref, pk, Integer.MAX_VALUE);
                    }
                });
        for (int i = 0; i < keys.size(); i += REPAIR_BATCH) {
            List<Object> batch = keys.subList(i, Math.min(keys.size(), i + REPAIR_BATCH));
            List<?> rows = Retry.run("reading " + ref, this::reconnect, () -> (List<?>) r.db(ref.db()).table(ref.table())
                    .getAll(r.args(new WireValue(batch))).coerceTo("array").run(reads, KeyDiff.raw()).single());
            List<Object> gone = new ArrayList<>(batch);
            rows.forEach(row -> gone.remove(((Map<?, ?>) row).get(pk)));
            target.upsert(ref, pk, rows);
            target.delete(ref, gone);
        }
    }

    private void reconnect() {
        reads.close(false);
        reads = source.connect();
    }

    long copied() {
        return copied;
    }

    long applied() {
        return applied;
    }

    long repairs() {
        return repairs;
    }

    /** Changes received and not applied yet. */
    int behind() {
        return feed.pending();
    }

    /** Seconds the oldest unapplied change has waited (0 when none waits). */
    double secondsBehind() {
        long oldest = feed.oldestPending();
        return oldest == 0 ? 0 : (System.nanoTime() - oldest) / 1e9;
    }

    /** When a change last arrived. */
    long lastArrival() {
        return feed.lastArrival();
    }

    /** True when the feed needs a repair before the table can be called caught up. */
    boolean needsRepair() {
        return feed.broken() || feed.overflowed() != null;
    }

    @Override
    public void close() {
        if (feed != null) {
            feed.close();
        }
        if (reads != null) {
            reads.close(false);
        }
    }
}
