package io.reqldb.server.conn;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connection's noreply queries that have not finished, so NOREPLY_WAIT can wait for exactly
 * those that arrived before it (queries are taken in arrival order, so a snapshot at that moment
 * is the right set).
 */
final class NoreplyTracker {
    private final Set<CompletableFuture<Void>> pending = ConcurrentHashMap.newKeySet();

    void track(CompletableFuture<Void> finished) {
        pending.add(finished);
        finished.whenComplete((ignored, error) -> pending.remove(finished));
    }

    /** Completes once every noreply query tracked so far has finished. */
    CompletableFuture<Void> whenAllFinished() {
        return CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0]));
    }
}
