package io.reqldb.query.feed;

import io.reqldb.datum.Datum;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The changes waiting to be read, bounded. Squashing queues keep one entry per document (its first
 * old value and latest new value, in the order documents first changed), dropping documents that
 * end where they started; plain queues keep every change in order. When more than {@code limit}
 * changes wait, all are dropped and counted as skipped (RethinkDB's rule), so memory stays bounded
 * however slow the reader is. Not thread-safe: the owning feed locks around it.
 */
final class ChangeQueue {
    private final boolean squash;
    private final int limit;
    private final ArrayDeque<Change> fifo = new ArrayDeque<>();
    private final LinkedHashMap<Datum, Change> byKey = new LinkedHashMap<>();
    private final SkippedChanges skipped = new SkippedChanges();

    ChangeQueue(boolean squash, int limit) {
        this.squash = squash;
        this.limit = limit;
    }

    void add(Change c) {
        if (squash) {
            Change prev = byKey.get(c.key());
            if (prev != null) {
                Change merged = new Change(c.key(), prev.oldVal(), c.newVal(), null);
                if (merged.isTrivial()) {
                    byKey.remove(c.key());
                } else {
                    byKey.put(c.key(), merged);
                }
            } else {
                byKey.put(c.key(), c);
            }
        } else {
            fifo.addLast(c);
        }
        if (size() > limit) {
            skipped.add(size());
            fifo.clear();
            byKey.clear();
        }
    }

    int size() {
        return squash ? byKey.size() : fifo.size();
    }

    boolean isEmpty() {
        return size() == 0;
    }

    /** More than half full: a squash timer should not wait any longer. */
    boolean nearlyFull() {
        return size() > limit / 2;
    }

    /** The oldest waiting change, or null. */
    Change poll() {
        if (!squash) {
            return fifo.pollFirst();
        }
        Iterator<Map.Entry<Datum, Change>> it = byKey.entrySet().iterator();
        if (!it.hasNext()) {
            return null;
        }
        Change c = it.next().getValue();
        it.remove();
        return c;
    }

    /** Drops every waiting change, counted as skipped as when the queue overflows. */
    void shed() {
        skipped.add(size());
        clear();
    }

    /** Changes dropped and not yet reported. */
    SkippedChanges skipped() {
        return skipped;
    }

    void clear() {
        fifo.clear();
        byKey.clear();
    }
}
