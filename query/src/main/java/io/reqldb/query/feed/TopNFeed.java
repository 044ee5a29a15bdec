package io.reqldb.query.feed;

import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumOrder;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.query.error.ReqlError;
import io.reqldb.query.error.ReqlOpFailedError;
import io.reqldb.storage.DocumentCursor;
import io.reqldb.storage.KeyRange;
import io.reqldb.storage.StorageException;
import io.reqldb.storage.Store;
import io.reqldb.storage.Table;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code order_by({index}).limit(n).changes()} (ORDER_BY_LIMIT_FEED): keeps the first {@code n}
 * rows in index order and reports how that window changes.
 *
 * <p>The window is re-read from the index (at most {@code n} rows, ties by primary key) after each
 * write and compared with the previous one by primary key, so a document that leaves is replaced
 * by the next best one even though the feed keeps only {@code n} rows in memory. A change within
 * the window is {@code {old_val, new_val}}; a document leaving and another entering make one
 * change pairing them; offsets are positions in the old and new windows. Without squash the
 * window is re-read on the writer's thread for every write; with squash it is re-read once per
 * batch by the reader, which coalesces everything in between.
 */
final class TopNFeed extends Feed {
    /** One row of the window: primary key and the value shown. */
    private record Row(Datum key, Datum value) {
    }



    private final Table table;
    private final String primaryKey;
    private final String index;
    private final KeyRange range;
    private final boolean descending;
    private final int limit;
    private final RowTransform transform;
    private final Function<StorageException, RuntimeException> translate;
    private final ArrayDeque<Datum> out = new ArrayDeque<>();
    private List<Row> window;
    private boolean dirty;
    private final SkippedChanges skipped = new SkippedChanges();

    /**
     * @param index     the index to order by, or null for the primary key
     * @param translate turns storage failures into RethinkDB's errors for this table
     */
    TopNFeed(Table table, Store store, FeedOptions options, String index, KeyRange range, boolean descending,
             int limit, RowTransform transform, Function<StorageException, RuntimeException> translate) {
        super(table, store, options);
        this.table = table;
        this.primaryKey = table.info().primaryKey();
        this.index = index == null || index.equals(primaryKey) ? null : index;
        this.range = range == null ? KeyRange.ALL : range;
        this.descending = descending;
        this.limit = limit;
        this.transform = transform;
        this.translate = translate;
        lock.lock();
        try {
            start();
            try {
                window = read();
            } catch (RuntimeException e) {
                close();
                throw e;
            }
            if (options.includeInitial()) {
                if (options.includeStates()) {
                    out.add(stateItem("initializing"));
                }
                for (int i = 0; i < window.size(); i++) {
                    out.add(initialItem(window.get(i).value(), i));
                }
            }
            if (options.includeStates()) {
                out.add(stateItem("ready"));
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int feedNote() {
        return 3;
    }

    /** The window is re-read as the table stands right after the write, so writes cannot wait for the reader. */
    @Override
    boolean takesWritesEagerly() {
        return true;
    }

    @Override
    void accept(Write write) {
        if (!mayChangeWindow(write)) {
            return;
        }
        if (options.squash()) {
            dirty = true;
        } else {
            update();
        }
    }

    @Override
    protected void refresh() {
        if (dirty) {
            dirty = false;
            update();
        }
    }

    @Override
    protected boolean hasElement() {
        return skipped.any() || !out.isEmpty();
    }

    @Override
    protected Datum popElement() {
        if (skipped.any()) {
            return skipped.takeItem();
        }
        return out.pollFirst();
    }

    @Override
    protected boolean nearlyFull() {
        return out.size() > options.queueSize() / 2;
    }

    @Override
    protected void released() {
        out.clear();
    }

    /** Re-reads the window and queues the differences. */
    private void update() {
        List<Row> next;
        try {
            next = read();
        } catch (RuntimeException e) {
            fail(e instanceof ReqlError r ? r : new ReqlOpFailedError("Changefeed aborted (unavailable)."));
            return;
        }
        diff(window, next);
        window = next;
        if (out.size() > options.queueSize()) {
            skipped.add(out.size());
            out.clear();
        }
    }

    private void diff(List<Row> before, List<Row> after) {
        Map<Datum, Integer> oldPos = positions(before);
        Map<Datum, Integer> newPos = positions(after);
        List<Integer> removed = new ArrayList<>();
        List<Integer> added = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            Row r = before.get(i);
            Integer j = newPos.get(r.key());
            if (j == null) {
                removed.add(i);
            } else if (!r.value().equals(after.get(j).value())) {
                out.add(changeItem(r.value(), after.get(j).value(), i, j, true));
            }
        }
        for (int j = 0; j < after.size(); j++) {
            if (!oldPos.containsKey(after.get(j).key())) {
                added.add(j);
            }
        }
        int pairs = Math.min(removed.size(), added.size());
        for (int p = 0; p < pairs; p++) {
            int i = removed.get(p);
            int j = added.get(p);
            out.add(changeItem(before.get(i).value(), after.get(j).value(), i, j, true));
        }
        for (int p = pairs; p < removed.size(); p++) {
            int i = removed.get(p);
            out.add(changeItem(before.get(i).value(), null, i, null, true));
        }
        for (int p = pairs; p < added.size(); p++) {
            int j = added.get(p);
            out.add(changeItem(null, after.get(j).value(), null, j, true));
        }
    }

    private static Map<Datum, Integer> positions(List<Row> rows) {
        Map<Datum, Integer> m = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            m.put(rows.get(i).key(), i);
        }
        return m;
    }

    /**
     * False when a write certainly leaves the window as it is: the window is full, the document
     * was not in it, and its new position sorts after the window's last row. Only decided for the
     * primary index (position = key); other writes re-read the window.
     */
    private boolean mayChangeWindow(Write w) {
        if (index != null || window == null || window.size() < limit || window.isEmpty()) {
            return true;
        }
        Set<Datum> keys = new HashSet<>();
        for (Row r : window) {
            keys.add(r.key());
        }
        Datum doc = w.newVal != null ? w.newVal : w.oldVal;
        Datum key = ((ObjectDatum) doc).get(primaryKey);
        if (keys.contains(key)) {
            return true;
        }
        if (w.newVal == null) {
            return false;
        }
        int c = DatumOrder.compare(key, window.get(window.size() - 1).key());
        return descending ? c > 0 : c < 0;
    }

    /** The first {@code limit} distinct rows in index order that pass the chain's steps. */
    private List<Row> read() {
        LinkedHashMap<Datum, Datum> rows = new LinkedHashMap<>();
        try (DocumentCursor c = index == null ? table.scan(range, descending)
                : table.indexScan(index, range, descending)) {
            while (rows.size() < limit) {
                Datum doc = c.next();
                if (doc == null) {
                    break;
                }
                Datum key = ((ObjectDatum) doc).get(primaryKey);
                if (rows.containsKey(key)) {
                    continue;
                }
                Datum shown = transform.apply(doc);
                if (shown != null) {
                    rows.put(key, shown);
                }
            }
        } catch (StorageException e) {
            throw e.code() == StorageException.Code.TABLE_MISSING || e.code() == StorageException.Code.DB_MISSING
                    ? new ReqlOpFailedError("Changefeed aborted (unavailable).") : translate.apply(e);
        }
        List<Row> list = new ArrayList<>(rows.size());
        rows.forEach((k, v) -> list.add(new Row(k, v)));
        return list;
    }
}
