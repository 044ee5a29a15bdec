package io.reqldb.storage.rocksdb;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serializes writers per document without a lock object per key: a key hashes to one of a fixed
 * set of locks. Two keys may share a stripe, which only costs some waiting. Holders of several
 * stripes take them in ascending order, so no two holders can deadlock.
 */
final class StripedLocks {
    private final ReentrantLock[] locks;
    private final int mask;

    /** @param stripes a power of two */
    StripedLocks(int stripes) {
        locks = new ReentrantLock[stripes];
        for (int i = 0; i < stripes; i++) {
            locks[i] = new ReentrantLock();
        }
        mask = stripes - 1;
    }

    int stripeOf(byte[] key) {
        int h = Arrays.hashCode(key);
        return (h ^ (h >>> 16)) & mask;
    }

    void lock(int stripe) {
        locks[stripe].lock();
    }

    void unlock(int stripe) {
        locks[stripe].unlock();
    }

    /** Locks the given stripes; they must be sorted ascending and distinct. */
    void lockAll(int[] sortedStripes) {
        for (int s : sortedStripes) {
            locks[s].lock();
        }
    }

    void unlockAll(int[] sortedStripes) {
        for (int i = sortedStripes.length - 1; i >= 0; i--) {
            locks[sortedStripes[i]].unlock();
        }
    }

    /** The distinct stripes of the keys, ascending: the order {@link #lockAll} requires. */
    int[] stripesOf(byte[][] keys) {
        int[] s = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            s[i] = stripeOf(keys[i]);
        }
        return Arrays.stream(s).sorted().distinct().toArray();
    }
}
