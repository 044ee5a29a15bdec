package io.reqldb.storage.rocksdb;

import io.reqldb.datum.Datum;
import io.reqldb.datum.KeyEncoding;
import io.reqldb.storage.DocumentCursor;
import io.reqldb.storage.DocumentTraffic;
import io.reqldb.storage.KeyRange;
import io.reqldb.storage.StorageException;
import io.reqldb.storage.StorageException.Code;
import io.reqldb.storage.TableReader;
import io.reqldb.storage.rocksdb.CatalogView.IndexView;
import io.reqldb.storage.rocksdb.CatalogView.TableView;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;

/** Reads of one table, either live or as of a snapshot; the same code serves both. */
final class TableReads implements TableReader {
    private final StoreContext ctx;
    private final Supplier<TableView> table;
    private final RocksSnapshot snapshot;
    private final DocumentTraffic traffic;

    /**
     * @param table    the table's catalog entry: the latest for live reads, the snapshot's otherwise
     * @param snapshot null for live reads; otherwise every read holds it while it runs
     * @param traffic  counts the documents read and their bytes
     */
    TableReads(StoreContext ctx, Supplier<TableView> table, RocksSnapshot snapshot, DocumentTraffic traffic) {
        this.ctx = ctx;
        this.table = table;
        this.snapshot = snapshot;
        this.traffic = traffic;
    }

    @Override
    public Datum get(Datum primaryKey) {
        ctx.lifecycle().check();
        byte[] key = Keys.document(table.get().number(), KeyEncoding.encode(primaryKey));
        if (snapshot != null) {
            snapshot.enter();
        }
        try {
            byte[] doc = ctx.db().get(ctx.documents(), snapshot == null ? ctx.liveReads() : snapshot.reads(), key);
            if (doc == null) {
                return null;
            }
            traffic.read(1, doc.length);
            return StoredDocument.read(doc);
        } catch (RocksDBException e) {
            throw Rocks.failure("read", e);
        } finally {
            if (snapshot != null) {
                snapshot.exit();
            }
        }
    }

    @Override
    public DocumentCursor scan(KeyRange range, boolean descending) {
        byte[][] bounds = Keys.bounds(Keys.tablePrefix(table.get().number()), range);
        return new PrimaryCursor(iterator(ctx.documents(), bounds, descending, false), traffic);
    }

    /**
     * Cut points are found by walking the keys up to the last one, as of the same snapshot the
     * parts then read: cheap beside reading and evaluating the rows, and exact where estimates
     * from file sizes would leave one part with most of the work.
     */
    @Override
    public List<DocumentCursor> scanParts(int parts, long rows) {
        if (parts <= 1) {
            return List.of(scan(KeyRange.ALL, false));
        }
        TableView t = table.get();
        byte[][] all = Keys.bounds(Keys.tablePrefix(t.number()), KeyRange.ALL);
        SharedSnapshot shared = new SharedSnapshot();
        List<DocumentCursor> cursors = new ArrayList<>();
        try {
            List<byte[]> cuts = new ArrayList<>();
            long step = Math.max(1, rows / parts);
            try (RangeIterator keys = shared.iterator(all)) {
                for (long n = 0; keys.valid() && cuts.size() < parts - 1; keys.advance(), n++) {
                    if (n > 0 && n % step == 0) {
                        cuts.add(keys.key());
                    }
                }
            }
            byte[] from = all[0];
            for (byte[] cut : cuts) {
                cursors.add(new PrimaryCursor(shared.iterator(new byte[][] {from, cut}), traffic));
                from = cut;
            }
            cursors.add(new PrimaryCursor(shared.iterator(new byte[][] {from, all[1]}), traffic));
            return cursors;
        } catch (RuntimeException e) {
            cursors.forEach(DocumentCursor::close);
            throw e;
        } finally {
            shared.release();
        }
    }

    /**
     * One snapshot for several iterators: this reader's own if it has one, else a new RocksDB
     * snapshot, released when the last iterator made from it closes (and the maker let go).
     */
    private final class SharedSnapshot {
        private final org.rocksdb.Snapshot own = snapshot == null ? ctx.db().getSnapshot() : null;
        private final AtomicInteger users = new AtomicInteger(1);

        RangeIterator iterator(byte[][] bounds) {
            if (own == null) {
                return TableReads.this.iterator(ctx.documents(), bounds, false, false);
            }
            users.incrementAndGet();
            try {
                return new RangeIterator(ctx, ctx.documents(), bounds, false, own, false, this::release);
            } catch (RuntimeException e) {
                release();
                throw e;
            }
        }

        void release() {
            if (own != null && users.decrementAndGet() == 0) {
                ctx.db().releaseSnapshot(own);
            }
        }
    }

    /** An iterator over [bounds), as of the snapshot if any, which it holds until closed. */
    private RangeIterator iterator(ColumnFamilyHandle family, byte[][] bounds, boolean descending,
            boolean ownSnapshot) {
        if (snapshot == null) {
            return new RangeIterator(ctx, family, bounds, descending, null, ownSnapshot, null);
        }
        snapshot.enter();
        try {
            return new RangeIterator(ctx, family, bounds, descending, snapshot.snapshot(), false, snapshot::exit);
        } catch (RuntimeException e) {
            snapshot.exit();
            throw e;
        }
    }

    @Override
    public DocumentCursor indexScan(String index, KeyRange range, boolean descending) {
        IndexView ix = readyIndex(table.get(), index);
        byte[][] bounds = Keys.bounds(Keys.indexPrefix(table.get().number(), ix.number()), range);
        RangeIterator it = iterator(ctx.indexes(), bounds, descending, true);
        if (replaced(index, ix)) {
            it.close();
            return indexScan(index, range, descending);
        }
        return new IndexCursor(ctx, it, traffic);
    }

    /**
     * Live reads: whether the name now stands for another index (index_rename with overwrite, as
     * index-rebuild does), in which case the replaced one's entries may be gone from an iterator
     * just opened over them, and the read must start again.
     */
    private boolean replaced(String index, IndexView ix) {
        IndexView now = table.get().indexes().get(index);
        return now != null && now.number() != ix.number();
    }

    /**
     * Counts keys only: an index entry stands for exactly one row of {@link #indexScan} (entries
     * and documents change in one write batch), so no document is fetched or decoded.
     */
    @Override
    public long countRange(String index, KeyRange range) {
        TableView t = table.get();
        IndexView ix = index == null ? null : readyIndex(t, index);
        byte[][] bounds = ix == null
                ? Keys.bounds(Keys.tablePrefix(t.number()), range)
                : Keys.bounds(Keys.indexPrefix(t.number(), ix.number()), range);
        ColumnFamilyHandle family = ix == null ? ctx.documents() : ctx.indexes();
        long n = 0;
        try (RangeIterator it = iterator(family, bounds, false, false)) {
            if (ix != null && replaced(index, ix)) {
                return countRange(index, range);
            }
            for (; it.valid(); it.advance()) {
                n++;
            }
        }
        return n;
    }

    /** @throws StorageException INDEX_MISSING, INDEX_NOT_READY */
    private static IndexView readyIndex(TableView t, String index) {
        IndexView ix = t.indexes().get(index);
        if (ix == null) {
            throw new StorageException(Code.INDEX_MISSING, "Index `" + index + "` was not found on table `"
                    + t.info().db() + "." + t.info().name() + "`.");
        }
        if (!ix.ready()) {
            throw new StorageException(Code.INDEX_NOT_READY, "Index `" + index + "` on table `"
                    + t.info().db() + "." + t.info().name() + "` was accessed before its construction was finished.");
        }
        return ix;
    }
}
