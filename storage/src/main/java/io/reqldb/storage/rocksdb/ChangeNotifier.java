package io.reqldb.storage.rocksdb;

import io.reqldb.datum.Datum;
import io.reqldb.storage.Durability;
import io.reqldb.storage.Table.ChangeListener;
import java.util.ArrayDeque;
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
 * and its writer drains right after it). Listeners run on the draining thread.
 */
final class ChangeNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeNotifier.class);

    private final Committer committer;
    private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>(); // guarded by itself
    private final ReentrantLock draining = new ReentrantLock();

    /** One committed change waiting to be told. */
    private record Pending(long ticket, boolean hard, Datum oldValue, Datum newValue) {
    }

    ChangeNotifier(Committer committer) {
        this.committer = committer;
    }

    AutoCloseable subscribe(ChangeListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Records a committed change; call under the document's lock, right after the commit. */
    void enqueue(long ticket, Durability durability, Datum oldValue, Datum newValue) {
        if (listeners.isEmpty()) {
            return;
        }
        synchronized (queue) {
            queue.add(new Pending(ticket, durability == Durability.HARD, oldValue, newValue));
        }
    }

    /** Tells listeners every queued change that is now durable enough, in commit order. */
    void drain() {
        while (hasDeliverable()) {
            if (!draining.tryLock()) {
                return; // the thread draining now will see our changes too
            }
            try {
                for (Pending p = takeDeliverable(); p != null; p = takeDeliverable()) {
                    tell(p);
                }
            } finally {
                draining.unlock();
            }
        }
    }

    private boolean hasDeliverable() {
        synchronized (queue) {
            Pending head = queue.peek();
            return head != null && deliverable(head);
        }
    }

    private Pending takeDeliverable() {
        synchronized (queue) {
            Pending head = queue.peek();
            return head != null && deliverable(head) ? queue.poll() : null;
        }
    }

    private boolean deliverable(Pending p) {
        return !p.hard() || committer.isDurable(p.ticket());
    }

    private void tell(Pending p) {
        for (ChangeListener l : listeners) {
            try {
                l.onChange(p.oldValue(), p.newValue());
            } catch (RuntimeException e) {
                LOG.warn("change listener failed", e);
            }
        }
    }
}
