package io.reqldb.storage.rocksdb;

import io.reqldb.storage.Durability;
import io.reqldb.storage.StorageException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Commits write batches and makes hard writes durable with group commit.
 *
 * <p>Every batch is written unsynced; a hard writer then waits until some WAL sync that started
 * after its write has finished. Leader/follower: the first waiter to find no sync in progress
 * becomes the leader, notes how many writes have completed, syncs the WAL (which covers all of
 * them, since the WAL is sequential), and wakes everyone it covered. Writers arriving during a
 * sync queue up and share the next one, so N concurrent hard writers cost about two fsyncs, not N.
 */
final class Committer {
    static {
        RocksDB.loadLibrary();
    }

    /**
     * Batch appended to the WAL and handed to the OS before {@code write} returns. Survives a crash
     * of this process; on power loss or an OS crash, loses the writes since the last WAL sync.
     */
    static final WriteOptions UNSYNCED = new WriteOptions().setSync(false);

    /**
     * WAL synced before {@code write} returns: loses nothing it acknowledged. For catalog
     * changes, which are rare and must never be half-remembered.
     */
    static final WriteOptions SYNCED = new WriteOptions().setSync(true);

    private final RocksDB db;
    private final AtomicLong completedWrites = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition syncDone = lock.newCondition();
    /** Every write numbered up to here is durable. Written under lock; volatile so readers need not lock. */
    private volatile long syncedThrough;
    private boolean syncing; // guarded by lock
    private boolean shutDown; // guarded by lock: the database is closing, no sync may start
    private final AtomicLong syncs = new AtomicLong();

    Committer(RocksDB db) {
        this.db = db;
    }

    /**
     * Writes the batch, unsynced. Returns a ticket for {@link #awaitDurable}; the write is visible
     * to readers when this returns.
     */
    long write(WriteBatch batch) {
        try {
            db.write(UNSYNCED, batch);
        } catch (RocksDBException e) {
            throw Rocks.failure("write", e);
        }
        return completedWrites.incrementAndGet();
    }

    /** Writes and syncs in one call; for catalog changes. */
    void writeSynced(WriteBatch batch) {
        try {
            db.write(SYNCED, batch);
        } catch (RocksDBException e) {
            throw Rocks.failure("write", e);
        }
    }

    /** The highest ticket covered by a finished WAL sync: every write up to it is durable. */
    long durableThrough() {
        return syncedThrough;
    }

    /** Returns once the write with this ticket is durable as {@code durability} asks. */
    void await(long ticket, Durability durability) {
        if (durability == Durability.HARD) {
            awaitDurable(ticket);
        }
    }

    /** Returns once the write with this ticket is on stable storage. */
    void awaitDurable(long ticket) {
        lock.lock();
        try {
            while (syncedThrough < ticket) {
                if (syncing) {
                    syncDone.awaitUninterruptibly();
                    continue;
                }
                if (shutDown) {
                    throw new StorageException(StorageException.Code.IO, "The storage engine is closed.");
                }
                syncing = true;
                long target = completedWrites.get();
                boolean ok = false;
                lock.unlock();
                try {
                    db.syncWal();
                    syncs.incrementAndGet();
                    ok = true;
                } catch (RocksDBException e) {
                    throw Rocks.failure("WAL sync", e);
                } finally {
                    lock.lock();
                    syncing = false;
                    if (ok) {
                        syncedThrough = Math.max(syncedThrough, target);
                    }
                    syncDone.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The final sync before the database closes: waits for a sync in progress, syncs everything
     * written, and lets no further sync touch the database. Callers first stop all writers.
     */
    void shutdown() {
        lock.lock();
        try {
            while (syncing) {
                syncDone.awaitUninterruptibly();
            }
            shutDown = true;
            db.syncWal();
            syncedThrough = completedWrites.get();
        } catch (RocksDBException e) {
            throw Rocks.failure("WAL sync at close", e);
        } finally {
            syncDone.signalAll();
            lock.unlock();
        }
    }

    /** Makes every write so far durable. */
    void syncAll() {
        awaitDurable(completedWrites.get());
    }

    /** How many WAL syncs group commit has done; lets tests see that writers shared them. */
    long syncCount() {
        return syncs.get();
    }
}
