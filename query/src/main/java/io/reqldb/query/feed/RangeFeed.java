package io.reqldb.query.feed;

import io.reqldb.datum.Datum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.storage.DocumentCursor;
import io.reqldb.storage.Store;
import io.reqldb.storage.Table;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * A feed on a whole table, a key range ({@code between}), a set of keys ({@code get_all}), any of
 * them on the primary key or a secondary index, with row-wise steps ({@code filter}, {@code map},
 * {@code pluck}, ...) applied to each side of a change (SEQUENCE_FEED).
 *
 * <p>A document counts once per index value it has in the selection ({@code copies}), as in
 * RethinkDB: a change inside the selection is one {@code {old_val, new_val}}, a document moving in
 * or out is an add or a remove. With include_initial the current rows are read lazily from a
 * cursor opened just after subscribing, and sent before any change.
 */
final class RangeFeed extends QueuedFeed {
    private final String primaryKey;
    private final ToIntFunction<Datum> copies;
    private final RowTransform transform;
    private DocumentCursor initial;
    private Datum lookahead;
    private boolean sentInitializing;
    private boolean sentReady;

    /**
     * @param copies      how many times a document is in the selection (0: not in it)
     * @param initialRows opens a cursor over the selection's rows (used with include_initial)
     */
    RangeFeed(Table table, Store store, FeedOptions options, ToIntFunction<Datum> copies, RowTransform transform,
              Supplier<DocumentCursor> initialRows) {
        super(table, store, options);
        this.primaryKey = table.info().primaryKey();
        this.copies = copies;
        this.transform = transform;
        this.sentInitializing = !(options.includeStates() && options.includeInitial());
        this.sentReady = !options.includeStates();
        start();
        if (options.includeInitial()) {
            DocumentCursor c;
            try {
                c = initialRows.get();
            } catch (RuntimeException e) {
                close();
                throw e;
            }
            lock.lock();
            try {
                initial = c;
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public int feedNote() {
        return 1;
    }

    @Override
    void accept(Write write) {
        Datum oldVal = write.oldVal;
        Datum newVal = write.newVal;
        int oc = oldVal == null ? 0 : copies.applyAsInt(oldVal);
        int nc = newVal == null ? 0 : copies.applyAsInt(newVal);
        if (oc == 0 && nc == 0) {
            return;
        }
        Datum o = oc > 0 ? transform.apply(oldVal) : null;
        Datum n = nc > 0 ? transform.apply(newVal) : null;
        // Only squashing needs the key.
        Datum key = options.squash() ? ((ObjectDatum) (newVal != null ? newVal : oldVal)).get(primaryKey) : null;
        int pairs = Math.min(oc, nc);
        if (pairs > 0) {
            Change both = change(key, o, n, write);
            if (!both.isTrivial()) {
                for (int i = 0; i < pairs; i++) {
                    queue.add(both);
                }
            }
        }
        if (o != null && oc > pairs) {
            Change removed = change(key, o, null, write);
            for (int i = pairs; i < oc; i++) {
                queue.add(removed);
            }
        }
        if (n != null && nc > pairs) {
            Change added = change(key, null, n, write);
            for (int i = pairs; i < nc; i++) {
                queue.add(added);
            }
        }
    }

    /**
     * A change to queue. One that shows the write exactly as stored is the write's own shared
     * change (when no key is needed), whose one {@code {new_val, old_val}} object every such feed
     * hands out: a hundred plain feeds cost no allocation per write each.
     */
    private Change change(Datum key, Datum o, Datum n, Write write) {
        boolean asStored = o == write.oldVal && n == write.newVal && !options.includeTypes();
        if (!asStored) {
            return new Change(key, o, n, null);
        }
        return key == null ? write.plainChange() : new Change(key, o, n, write);
    }

    @Override
    protected boolean hasElement() {
        return !sentInitializing || initialPending() || !sentReady || queue.skipped().any() || !queue.isEmpty();
    }

    @Override
    protected boolean nearlyFull() {
        return queue.nearlyFull();
    }

    @Override
    protected Datum popElement() {
        if (!sentInitializing) {
            sentInitializing = true;
            return stateItem("initializing");
        }
        if (initialPending()) {
            Datum d = lookahead;
            lookahead = null;
            return initialItem(d, null);
        }
        if (!sentReady) {
            sentReady = true;
            return stateItem("ready");
        }
        if (queue.skipped().any()) {
            return queue.skipped().takeItem();
        }
        Change c = queue.poll();
        if (c.shared() != null) {
            return c.shared().plainItem();
        }
        return changeItem(c.oldVal(), c.newVal(), null, null, false);
    }

    /** Reads ahead one initial row (transformed); false once the initial rows are all sent. */
    private boolean initialPending() {
        while (lookahead == null && initial != null) {
            Datum row = initial.next();
            if (row == null) {
                initial.close();
                initial = null;
            } else {
                lookahead = transform.apply(row);
            }
        }
        return lookahead != null;
    }

    @Override
    protected void released() {
        if (initial != null) {
            initial.close();
            initial = null;
        }
        queue.clear();
    }
}
