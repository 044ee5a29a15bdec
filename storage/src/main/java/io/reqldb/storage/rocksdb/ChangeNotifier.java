package io.reqldb.storage.rocksdb;

import io.reqldb.datum.Datum;
import io.reqldb.storage.Durability;
import io.reqldb.storage.Table.ChangeListener;
import io.reqldb.storage.Table.WriteResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a table's listeners about committed writes once each is durable under its own durability:
 * a hard write only after the WAL sync that covers it, so a changefeed never reports a change
 * that a power loss could still undo.
 *
 * <p>Writers {@link #enqueue} under their document lock, which fixes the order of changes to one
 * document; anyone then {@link #drain}s, outside every lock. Changes leave the queue strictly in
 * order: a soft write queued behind a hard one waits for that hard write's sync (milliseconds,
 * and its writer drains right after it). A drain hands listeners every change deliverable at that
 * moment as one list, so a group of writes made durable by one sync costs one call per listener.
 * Listeners run on the draining thread, one drain at a time.
 */
final class ChangeNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeNotifier.class);

    private final Committer committer;
    private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>(); // guarded by itself
    private final ReentrantLock draining = new ReentrantLock();

    /** One committed change waiting to be told. */
    private record Pending(long ticket, boolean hard, WriteResult change) {
    }

    ChangeNotifier(Committer committer) {
        this.committer = committer;
    }

    AutoCloseable subscribe(ChangeListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Records a committed change; call under the document's lock, right after the commit. Each
     * value comes with its stored record (null with the value), which is what listeners get.
     *
     * <p>Why records: a changefeed's log keeps every write until its slowest reader has taken it,
     * and an ~850-byte document decoded takes about 4.6 KB of heap (old and new: 9 KB a write),
     * its record under a kilobyte; most feeds only write the values' JSON, which comes straight
     * from the record. So the values are compared here, while both are decoded anyway, and a
     * write that leaves the document equal is not told at all (no feed shows one): listeners
     * never need to decode the pair to find that out.
     */
    void enqueue(long ticket, Durability durability, Datum oldValue, byte[] oldRecord, Datum newValue,
                 byte[] newRecord) {
        if (listeners.isEmpty() || (oldValue != null && oldValue.equals(newValue))) {
            return;
        }
        WriteResult change = new WriteResult(stored(oldRecord), stored(newRecord));
        Pending p = new Pending(ticket, durability == Durability.HARD, change);
        synchronized (queue) {
            queue.add(p);
        }
    }

    private static Datum stored(byte[] record) {
        return record == null ? null : StoredDocument.read(record);
    }

    /** Tells listeners every queued change that is now durable enough, in commit order. */
    void drain() {
        while (hasDeliverable()) {
            if (!draining.tryLock()) {
                return; // the thread draining now will see our changes too
            }
            try {
                for (List<WriteResult> group = takeDeliverable(); !group.isEmpty(); group = takeDeliverable()) {
                    tell(group);
                }
            } finally {
                draining.unlock();
            }
        }
    }

    private boolean hasDeliverable() {
        synchronized (queue) {
            Pending head = queue.peek();
            return head != null && (!head.hard() || committer.durableThrough() >= head.ticket());
        }
    }

    /** Takes the changes at the head of the queue that are durable enough (maybe none). */
    private List<WriteResult> takeDeliverable() {
        long durable = committer.durableThrough();
        List<WriteResult> group = null;
        synchronized (queue) {
            for (Pending head = queue.peek(); head != null && (!head.hard() || durable >= head.ticket());
                 head = queue.peek()) {
                if (group == null) {
                    group = new ArrayList<>(Math.min(queue.size(), 1024));
                }
                group.add(queue.poll().change());
            }
        }
        return group == null ? List.of() : Collections.unmodifiableList(group);
    }

    private void tell(List<WriteResult> group) {
        for (ChangeListener l : listeners) {
            try {
                l.onChanges(group);
            } catch (RuntimeException e) {
                LOG.warn("change listener failed", e);
            }
        }
    }
}
