package io.reqldb.storage.rocksdb;

import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * RocksDB's figures an operator watches, read from its properties (summed over the column
 * families where each has its own).
 *
 * @param blockCacheBytes          bytes held in the block cache ({@code rocksdb.block-cache-usage})
 * @param memtableBytes            bytes in memtables, active and immutable ({@code rocksdb.cur-size-all-mem-tables})
 * @param sstBytes                 bytes of all SST files ({@code rocksdb.total-sst-files-size})
 * @param pendingCompactionBytes   bytes compaction estimates it has to rewrite ({@code rocksdb.estimate-pending-compaction-bytes})
 * @param compactionsPending       column families with a compaction pending ({@code rocksdb.compaction-pending})
 * @param runningCompactions       compactions running now ({@code rocksdb.num-running-compactions})
 */
public record EngineFigures(long blockCacheBytes, long memtableBytes, long sstBytes, long pendingCompactionBytes,
                            long compactionsPending, long runningCompactions) {

    static EngineFigures read(RocksDB db) {
        try {
            return new EngineFigures(db.getLongProperty("rocksdb.block-cache-usage"),
                    db.getAggregatedLongProperty("rocksdb.cur-size-all-mem-tables"),
                    db.getAggregatedLongProperty("rocksdb.total-sst-files-size"),
                    db.getAggregatedLongProperty("rocksdb.estimate-pending-compaction-bytes"),
                    db.getAggregatedLongProperty("rocksdb.compaction-pending"),
                    db.getLongProperty("rocksdb.num-running-compactions"));
        } catch (RocksDBException e) {
            throw Rocks.failure("property read", e);
        }
    }
}
