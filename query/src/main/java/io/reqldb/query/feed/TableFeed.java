package io.reqldb.query.feed;

import io.reqldb.datum.Datum;
import io.reqldb.storage.Store;
import io.reqldb.storage.Table;

/**
 * {@code table.changes()} with no steps and no options that change its items: the commonest feed,
 * and the one a hundred clients open on one busy table. Its changes are the table's writes as
 * stored, so it queues nothing of its own: it hands out each write's shared
 * {@code {new_val, old_val}} object straight from the hub's log, and its "queue" is a place in
 * that log and a count. That makes a write cost such a feed a counter step, not an allocation.
 *
 * <p>It behaves exactly as a {@link RangeFeed} over the whole table with a non-squashing
 * {@link ChangeQueue}: every write the hub publishes is a change (storage tells no write that
 * left its document equal); when more than {@code changefeed_queue_size} changes wait, all of
 * them are dropped and reported as skipped, and the log is let go up to there.
 */
final class TableFeed extends Feed {
    private final int limit;
    /** The next change to hand out is write {@link #index} of this group (or the next group's first); null when none waits. */
    private WriteGroup from;
    private int index;
    /** Changes waiting: the writes from {@link #from} up to the feed's position. */
    private int waiting;
    private final SkippedChanges skipped = new SkippedChanges();

    TableFeed(Table table, Store store, FeedOptions options) {
        super(table, store, options);
        this.limit = options.queueSize();
        start();
    }

    /** True when {@code table.changes()} with these options shows every write as stored. */
    static boolean fits(FeedOptions o) {
        return !o.squash() && o.squashSeconds() == 0 && !o.includeInitial() && !o.includeStates()
                && !o.includeTypes() && !o.includeOffsets();
    }

    @Override
    public int feedNote() {
        return 1;
    }

    @Override
    void accept(WriteGroup g) {
        Write[] writes = g.writes;
        for (int i = 0; i < writes.length; i++) {
            if (from == null) {
                from = g;
                index = i;
            }
            if (++waiting > limit) {
                skipped.add(waiting);
                waiting = 0;
                from = null;
            }
        }
    }

    @Override
    int waitingChanges() {
        return waiting;
    }

    @Override
    void shedWaiting() {
        skipped.add(waiting);
        waiting = 0;
        from = null; // let the log go
    }

    @Override
    protected boolean hasElement() {
        return skipped.any() || waiting > 0;
    }

    @Override
    protected Datum popElement() {
        if (skipped.any()) {
            return skipped.takeItem();
        }
        while (index == from.writes.length) {
            from = from.next();
            index = 0;
        }
        Write w = from.writes[index++];
        if (--waiting == 0) {
            from = null; // let the log go
        }
        return w.plainItem();
    }

    @Override
    protected void released() {
        from = null;
        waiting = 0;
    }
}
