package io.reqldb.storage.rocksdb;

import io.reqldb.datum.Datum;
import io.reqldb.datum.KeyEncoding;
import io.reqldb.storage.DocumentCursor;
import io.reqldb.storage.KeyRange;
import io.reqldb.storage.StorageException;
import io.reqldb.storage.StorageException.Code;
import io.reqldb.storage.TableReader;
import io.reqldb.storage.rocksdb.CatalogView.IndexView;
import io.reqldb.storage.rocksdb.CatalogView.TableView;
import java.util.function.Supplier;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.Snapshot;

/** Reads of one table, either live or as of a snapshot; the same code serves both. */
final class TableReads implements TableReader {
    private final StoreContext ctx;
    private final Supplier<TableView> table;
    private final Snapshot snapshot;
    private final ReadOptions pointReads;

    /**
     * @param table      the table's catalog entry: the latest for live reads, the snapshot's otherwise
     * @param snapshot   null for live reads
     * @param pointReads options for point reads (carrying the snapshot, if any)
     */
    TableReads(StoreContext ctx, Supplier<TableView> table, Snapshot snapshot, ReadOptions pointReads) {
        this.ctx = ctx;
        this.table = table;
        this.snapshot = snapshot;
        this.pointReads = pointReads;
    }

    @Override
    public Datum get(Datum primaryKey) {
        ctx.lifecycle().check();
        byte[] key = Keys.document(table.get().number(), KeyEncoding.encode(primaryKey));
        try {
            byte[] doc = ctx.db().get(ctx.documents(), pointReads, key);
            return doc == null ? null : DocumentCodec.decode(doc);
        } catch (RocksDBException e) {
            throw Rocks.failure("read", e);
        }
    }

    @Override
    public DocumentCursor scan(KeyRange range, boolean descending) {
        byte[][] bounds = Keys.bounds(Keys.tablePrefix(table.get().number()), range);
        return new PrimaryCursor(new RangeIterator(ctx, ctx.documents(), bounds, descending, snapshot, false));
    }

    @Override
    public DocumentCursor indexScan(String index, KeyRange range, boolean descending) {
        TableView t = table.get();
        IndexView ix = t.indexes().get(index);
        if (ix == null) {
            throw new StorageException(Code.INDEX_MISSING, "Index `" + index + "` was not found on table `"
                    + t.info().db() + "." + t.info().name() + "`.");
        }
        if (!ix.ready()) {
            throw new StorageException(Code.INDEX_NOT_READY, "Index `" + index + "` on table `"
                    + t.info().db() + "." + t.info().name() + "` was accessed before its construction was finished.");
        }
        byte[][] bounds = Keys.bounds(Keys.indexPrefix(t.number(), ix.number()), range);
        RangeIterator it = new RangeIterator(ctx, ctx.indexes(), bounds, descending, snapshot, true);
        // Live reads: if the name now stands for another index (index_rename with overwrite, as
        // index-rebuild does), the replaced one's entries may be gone from our iterator: read again.
        IndexView now = table.get().indexes().get(index);
        if (now != null && now.number() != ix.number()) {
            it.close();
            return indexScan(index, range, descending);
        }
        return new IndexCursor(ctx, it);
    }
}
