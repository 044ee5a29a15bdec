package io.reqldb.storage.rocksdb;

import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;

/**
 * The open RocksDB and the shared machinery every part of the engine uses.
 *
 * @param db        the database
 * @param catalog   the default column family: catalog records and counters
 * @param documents documents by table and primary key
 * @param indexes   secondary-index entries
 * @param committer writes and group commit
 * @param locks     per-document write serialization
 * @param liveReads options for reads of the latest data; shared, never modified
 * @param lifecycle open or closed, and the cursors and snapshots still open
 */
record StoreContext(RocksDB db, ColumnFamilyHandle catalog, ColumnFamilyHandle documents,
                    ColumnFamilyHandle indexes, Committer committer, StripedLocks locks, ReadOptions liveReads,
                    Lifecycle lifecycle) {
}
