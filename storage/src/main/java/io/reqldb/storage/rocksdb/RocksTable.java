package io.reqldb.storage.rocksdb;

import io.reqldb.datum.Datum;
import io.reqldb.datum.KeyEncoding;
import io.reqldb.storage.DocumentCursor;
import io.reqldb.storage.DocumentTraffic;
import io.reqldb.storage.Durability;
import io.reqldb.storage.IndexDefinition;
import io.reqldb.storage.IndexFunction;
import io.reqldb.storage.IndexStatus;
import io.reqldb.storage.KeyRange;
import io.reqldb.storage.StorageException;
import io.reqldb.storage.Table;
import io.reqldb.storage.TableInfo;
import io.reqldb.storage.rocksdb.CatalogView.IndexView;
import io.reqldb.storage.rocksdb.CatalogView.TableView;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.UnaryOperator;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A table on RocksDB.
 *
 * <p>Locking, outermost first: the schema lock (shared by writers, exclusive for drops and index
 * changes, so no write is half-way through a layout change), then the document stripes (one per
 * {@link #modify}, several in ascending order for {@link #modifyAll} and index builds). A writer
 * reads the current document, applies the change, and commits the document with all its index
 * entries and the count delta in one batch while holding its stripe, and queues the change for
 * listeners there, so changes to one document are committed and reported in order. Hard writes
 * wait for the WAL sync after releasing every lock, so writers to other documents share that
 * sync; listeners hear of a write only once it is durable ({@link ChangeNotifier}).
 */
final class RocksTable implements Table {
    private static final Logger LOG = LoggerFactory.getLogger(RocksTable.class);

    /** Documents per batch in {@link #modifyAll} and in index builds. */
    static final int CHUNK = 256;

    private final StoreContext ctx;
    private final Catalog catalog;
    private final IndexBuilder builder;
    private final UUID id;
    private final ReentrantReadWriteLock schema = new ReentrantReadWriteLock();
    private final AtomicLong count;
    private final ChangeNotifier notifier;
    private final TableReads reads;
    private final DocumentTraffic traffic;

    RocksTable(StoreContext ctx, Catalog catalog, IndexBuilder builder, UUID id, long count, DocumentTraffic traffic) {
        this.ctx = ctx;
        this.catalog = catalog;
        this.builder = builder;
        this.id = id;
        this.count = new AtomicLong(count);
        this.notifier = new ChangeNotifier(ctx.committer());
        this.traffic = traffic;
        this.reads = new TableReads(ctx, this::view, null, traffic);
    }

    UUID id() {
        return id;
    }

    ReentrantReadWriteLock.WriteLock schemaLock() {
        return schema.writeLock();
    }

    /** The latest catalog entry. @throws StorageException TABLE_MISSING once dropped */
    TableView view() {
        TableView t = catalog.view().tables().get(id);
        if (t == null) {
            throw new StorageException(StorageException.Code.TABLE_MISSING, "Table `" + id + "` does not exist.");
        }
        return t;
    }

    @Override
    public TableInfo info() {
        return view().info();
    }

    DocumentTraffic traffic() {
        return traffic;
    }

    // ----- reads

    @Override
    public Datum get(Datum primaryKey) {
        return reads.get(primaryKey);
    }

    @Override
    public DocumentCursor scan(KeyRange range, boolean descending) {
        return reads.scan(range, descending);
    }

    @Override
    public DocumentCursor indexScan(String index, KeyRange range, boolean descending) {
        return reads.indexScan(index, range, descending);
    }

    @Override
    public List<DocumentCursor> scanParts(int parts, long rows) {
        return reads.scanParts(parts, rows);
    }

    @Override
    public long countRange(String index, KeyRange range) {
        return reads.countRange(index, range);
    }

    @Override
    public long count() {
        return count.get();
    }

    // ----- writes

    @Override
    public WriteResult modify(Datum primaryKey, UnaryOperator<Datum> change, Durability durability) {
        byte[] pk = KeyEncoding.encode(primaryKey);
        long ticket;
        WriteResult result;
        schema.readLock().lock();
        try {
            ctx.lifecycle().check();
            TableView t = view();
            byte[] docKey = Keys.document(t.number(), pk);
            int stripe = ctx.locks().stripeOf(docKey);
            ctx.locks().lock(stripe);
            try {
                byte[] stored = ctx.db().get(ctx.documents(), ctx.liveReads(), docKey);
                Datum old = stored == null ? null : DocumentCodec.decode(stored);
                Datum neu = change.apply(old);
                if (neu == old) {
                    return new WriteResult(old, old);
                }
                int delta;
                byte[] record = neu == null ? null : DocumentCodec.encode(neu);
                try (WriteBatch batch = new WriteBatch()) {
                    delta = DocumentWrites.add(batch, ctx, t, docKey, pk, old, neu, record);
                    addCount(batch, t, delta);
                    ticket = ctx.committer().write(batch);
                    traffic.written(1, batch.getDataSize());
                }
                count.addAndGet(delta);
                result = new WriteResult(old, neu);
                notifier.enqueue(ticket, durability, old, stored, neu, record);
            } finally {
                ctx.locks().unlock(stripe);
            }
        } catch (RocksDBException e) {
            throw Rocks.failure("write", e);
        } finally {
            schema.readLock().unlock();
        }
        ctx.committer().await(ticket, durability);
        notifier.drain();
        return result;
    }

    /**
     * Commits a chunk of documents per write batch. If a change throws, the documents before it
     * are committed (each document is atomic on its own) and the exception propagates.
     */
    @Override
    public List<WriteResult> modifyAll(List<Datum> primaryKeys, List<UnaryOperator<Datum>> changes,
                                       Durability durability) {
        if (primaryKeys.size() != changes.size()) {
            throw new IllegalArgumentException("primaryKeys and changes differ in size");
        }
        List<WriteResult> results = new ArrayList<>(primaryKeys.size());
        long ticket = 0;
        RuntimeException failure = null;
        for (int from = 0; from < primaryKeys.size() && failure == null; from += CHUNK) {
            int to = Math.min(from + CHUNK, primaryKeys.size());
            try {
                ticket = writeChunk(primaryKeys.subList(from, to), changes.subList(from, to), results, durability);
            } catch (ChunkFailure f) {
                ticket = f.ticket;
                failure = f.cause;
            }
        }
        if (ticket != 0) {
            ctx.committer().await(ticket, durability);
            notifier.drain();
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }

    /** A document's value and its stored record, or both null for an absent document. */
    private record Version(Datum value, byte[] record) {
        static final Version ABSENT = new Version(null, null);
    }

    /** One document a chunk changed: its versions before and after. */
    private record Written(Version before, Version after) {
    }

    /** A change threw part-way through a chunk; what came before it was committed. */
    private static final class ChunkFailure extends Exception {
        final long ticket;
        final RuntimeException cause;

        ChunkFailure(long ticket, RuntimeException cause) {
            super(null, null, false, false);
            this.ticket = ticket;
            this.cause = cause;
        }
    }

    private long writeChunk(List<Datum> pks, List<UnaryOperator<Datum>> changes, List<WriteResult> results,
                           Durability durability) throws ChunkFailure {
        int n = pks.size();
        schema.readLock().lock();
        try {
            ctx.lifecycle().check();
            TableView t = view();
            byte[][] pkBytes = new byte[n][];
            byte[][] docKeys = new byte[n][];
            for (int i = 0; i < n; i++) {
                pkBytes[i] = KeyEncoding.encode(pks.get(i));
                docKeys[i] = Keys.document(t.number(), pkBytes[i]);
            }
            int[] stripes = ctx.locks().stripesOf(docKeys);
            ctx.locks().lockAll(stripes);
            try {
                List<byte[]> stored = DocumentMultiGet.read(ctx, ctx.liveReads(), java.util.Arrays.asList(docKeys));
                // A key may repeat within a chunk: later changes must see earlier results.
                Map<ByteBuffer, Version> pending = new HashMap<>();
                List<Written> written = new ArrayList<>(n);
                int delta = 0;
                RuntimeException failure = null;
                try (WriteBatch batch = new WriteBatch()) {
                    for (int i = 0; i < n; i++) {
                        ByteBuffer k = ByteBuffer.wrap(docKeys[i]);
                        Version before = pending.containsKey(k) ? pending.get(k)
                                : stored.get(i) == null ? Version.ABSENT
                                : new Version(DocumentCodec.decode(stored.get(i)), stored.get(i));
                        Datum old = before.value();
                        Datum neu;
                        try {
                            neu = changes.get(i).apply(old);
                        } catch (RuntimeException e) {
                            failure = e;
                            break;
                        }
                        results.add(new WriteResult(old, neu));
                        if (neu == old) {
                            continue;
                        }
                        Version after = neu == null ? Version.ABSENT : new Version(neu, DocumentCodec.encode(neu));
                        pending.put(k, after);
                        delta += DocumentWrites.add(batch, ctx, t, docKeys[i], pkBytes[i], old, neu, after.record());
                        written.add(new Written(before, after));
                    }
                    long ticket = 0;
                    if (!written.isEmpty()) {
                        addCount(batch, t, delta);
                        ticket = ctx.committer().write(batch);
                        count.addAndGet(delta);
                        traffic.written(written.size(), batch.getDataSize());
                        for (Written w : written) {
                            notifier.enqueue(ticket, durability, w.before().value(), w.before().record(),
                                    w.after().value(), w.after().record());
                        }
                    }
                    if (failure != null) {
                        throw new ChunkFailure(ticket, failure);
                    }
                    return ticket;
                }
            } finally {
                ctx.locks().unlockAll(stripes);
            }
        } catch (RocksDBException e) {
            throw Rocks.failure("write", e);
        } finally {
            schema.readLock().unlock();
        }
    }

    private void addCount(WriteBatch batch, TableView t, int delta) throws RocksDBException {
        if (delta != 0) {
            batch.merge(ctx.catalog(), Keys.count(t.number()), CatalogRecords.count(delta));
        }
    }

    @Override
    public AutoCloseable subscribe(ChangeListener listener) {
        return notifier.subscribe(listener);
    }

    // ----- secondary indexes

    @Override
    public void createIndex(IndexDefinition definition, IndexFunction function) {
        IndexView ix;
        schema.writeLock().lock();
        try {
            ctx.lifecycle().check();
            ix = catalog.addIndex(id, definition, function);
        } finally {
            schema.writeLock().unlock();
        }
        builder.start(this, ix);
    }

    @Override
    public void dropIndex(String name) {
        schema.writeLock().lock();
        try {
            ctx.lifecycle().check();
            catalog.dropIndex(id, name);
        } finally {
            schema.writeLock().unlock();
        }
    }

    @Override
    public void renameIndex(String from, String to, boolean overwrite) {
        schema.writeLock().lock();
        try {
            ctx.lifecycle().check();
            catalog.renameIndex(id, from, to, overwrite);
        } finally {
            schema.writeLock().unlock();
        }
    }

    @Override
    public List<IndexStatus> indexes() {
        List<IndexStatus> out = new ArrayList<>();
        for (IndexView ix : view().indexes().values()) {
            out.add(new IndexStatus(ix.definition(), ix.ready(), ix.ready() ? 1.0 : builder.progress(ix.number()),
                    ix.definition().outdated(), ix.ready() ? 0 : builder.startMillis(ix.number())));
        }
        return out;
    }

    /**
     * Index build step: writes the entries of these documents for one index, under the same locks
     * as writers, re-reading each document so a concurrent change is never overwritten by a stale
     * entry.
     *
     * @return false when the table or index is gone or the store is closing, so the build should stop
     */
    boolean buildChunk(int indexNumber, List<byte[]> docKeys) {
        schema.readLock().lock();
        try {
            TableView t = catalog.view().tables().get(id);
            IndexView ix = t == null ? null : t.index(indexNumber);
            if (ix == null || ctx.lifecycle().isClosed()) {
                return false;
            }
            int[] stripes = ctx.locks().stripesOf(docKeys.toArray(new byte[0][]));
            ctx.locks().lockAll(stripes);
            try (WriteBatch batch = new WriteBatch()) {
                List<byte[]> docs = DocumentMultiGet.read(ctx, ctx.liveReads(), docKeys);
                for (int i = 0; i < docKeys.size(); i++) {
                    if (docs.get(i) == null) {
                        continue;
                    }
                    byte[] key = docKeys.get(i);
                    byte[] pk = java.util.Arrays.copyOfRange(key, Keys.TABLE_PREFIX, key.length);
                    for (byte[] entry : DocumentWrites.entries(t, ix, DocumentCodec.decode(docs.get(i)), pk)) {
                        batch.put(ctx.indexes(), entry, DocumentWrites.EMPTY);
                    }
                }
                ctx.committer().write(batch);
            } finally {
                ctx.locks().unlockAll(stripes);
            }
            return true;
        } catch (RocksDBException e) {
            throw Rocks.failure("index build", e);
        } finally {
            schema.readLock().unlock();
        }
    }

    /** Index build end: the index serves reads from now on. */
    void finishBuild(int indexNumber) {
        catalog.markReady(id, indexNumber);
    }
}
