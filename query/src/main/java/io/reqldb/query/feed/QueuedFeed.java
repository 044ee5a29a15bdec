package io.reqldb.query.feed;

import io.reqldb.storage.Store;
import io.reqldb.storage.Table;

/**
 * A feed that keeps the changes waiting for its reader in its own bounded {@link ChangeQueue}
 * (a document's feed, a selection's), which the hub may shed when the heap runs short.
 */
abstract class QueuedFeed extends Feed {
    /** Changes not yet sent, guarded by {@link #lock}. */
    protected final ChangeQueue queue;

    protected QueuedFeed(Table table, Store store, FeedOptions options) {
        super(table, store, options);
        this.queue = new ChangeQueue(options.squash(), options.queueSize());
    }

    @Override
    final int waitingChanges() {
        return queue.size();
    }

    @Override
    final void shedWaiting() {
        queue.shed();
    }
}
