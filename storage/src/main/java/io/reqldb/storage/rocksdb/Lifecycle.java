package io.reqldb.storage.rocksdb;

import io.reqldb.storage.StorageException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether the store is still open, and the cursors and snapshots that still pin RocksDB state.
 * Using a RocksDB object after the database is closed crashes the JVM instead of throwing, so
 * every entry point checks here first, and closing the store closes what callers left open.
 */
final class Lifecycle {
    private volatile boolean closed;
    private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();

    /** @throws StorageException IO once the store is closed */
    void check() {
        if (closed) {
            throw new StorageException(StorageException.Code.IO, "The storage engine is closed.");
        }
    }

    boolean isClosed() {
        return closed;
    }

    /** Remembers a cursor or snapshot until it is closed. */
    void track(AutoCloseable handle) {
        check();
        open.add(handle);
    }

    void untrack(AutoCloseable handle) {
        open.remove(handle);
    }

    /** Refuses new work from now on. */
    void markClosed() {
        closed = true;
    }

    /** Closes every cursor and snapshot still open. */
    void closeOpenHandles() {
        for (AutoCloseable h : List.copyOf(open)) {
            try {
                h.close();
            } catch (Exception e) {
                // Closing the store must go on; the handle's native memory dies with the database.
            }
        }
    }
}
