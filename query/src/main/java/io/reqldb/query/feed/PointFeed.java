package io.reqldb.query.feed;

import io.reqldb.datum.Datum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.storage.Store;
import io.reqldb.storage.Table;
import java.util.Objects;

/**
 * A feed on one document, {@code table.get(key).changes()} (ATOM_FEED). With include_initial the
 * document is read once subscribed; writes that storage reports after that read but that the
 * read already reflected are recognised (their old value is not the value read) and skipped, so
 * the first change sent always starts from the initial value.
 */
final class PointFeed extends QueuedFeed {
    private enum State { NONE, INITIALIZING, READY }

    private final String primaryKey;
    private final Datum key;
    private final boolean includeInitial;
    private State state;
    private State sentState = State.NONE;
    private Datum initialValue;
    /** False until a change starting from the initial value arrives (include_initial only). */
    private boolean synced;

    PointFeed(Table table, Store store, FeedOptions options, Datum key) {
        super(table, store, options);
        this.primaryKey = table.info().primaryKey();
        this.key = key;
        this.includeInitial = options.includeInitial();
        this.state = includeInitial ? State.INITIALIZING : State.READY;
        this.synced = !includeInitial;
        start();
        if (includeInitial) {
            lock.lock();
            try {
                try {
                    initialValue = table.get(key);
                } catch (RuntimeException e) {
                    close();
                    throw e;
                }
                queue.clear();
                synced = false;
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public int feedNote() {
        return 2;
    }

    @Override
    void accept(Write write) {
        Datum oldVal = write.oldVal;
        Datum newVal = write.newVal;
        Datum doc = newVal != null ? newVal : oldVal;
        if (!(doc instanceof ObjectDatum o) || !key.equals(o.get(primaryKey))) {
            return;
        }
        if (!synced) {
            if (!Objects.equals(oldVal, initialValue)) {
                return;
            }
            synced = true;
        }
        queue.add(new Change(key, oldVal, newVal, write)); // a told write changed its document
    }

    @Override
    protected boolean hasElement() {
        return (options.includeStates() && state != sentState)
                || (includeInitial && state != State.READY)
                || queue.skipped().any() || !queue.isEmpty();
    }

    @Override
    protected boolean nearlyFull() {
        return queue.nearlyFull();
    }

    @Override
    protected Datum popElement() {
        if (options.includeStates() && state != sentState) {
            sentState = state;
            return stateItem(state == State.INITIALIZING ? "initializing" : "ready");
        }
        if (includeInitial && state != State.READY) {
            state = State.READY;
            return initialItem(initialValue, null);
        }
        if (queue.skipped().any()) {
            return queue.skipped().takeItem();
        }
        Change c = queue.poll();
        return changeItem(c.oldVal(), c.newVal(), null, null, false);
    }

    @Override
    protected void released() {
        queue.clear();
    }
}
