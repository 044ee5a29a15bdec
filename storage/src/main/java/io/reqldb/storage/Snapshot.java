package io.reqldb.storage;

/** A consistent read view of the whole store at one instant. */
public interface Snapshot extends AutoCloseable {
    /** @throws StorageException DB_MISSING, TABLE_MISSING */
    TableReader table(String db, String name);

    @Override
    void close();
}
