package io.reqldb.storage.rocksdb;

import io.reqldb.storage.DatabaseInfo;
import io.reqldb.storage.DocumentTraffic;
import io.reqldb.storage.IndexClassifier;
import io.reqldb.storage.IndexFunctionCompiler;
import io.reqldb.storage.KeyRange;
import io.reqldb.storage.Snapshot;
import io.reqldb.storage.StorageException;
import io.reqldb.storage.StorageException.Code;
import io.reqldb.storage.Store;
import io.reqldb.storage.Table;
import io.reqldb.storage.TableInfo;
import io.reqldb.storage.TableOptions;
import io.reqldb.storage.rocksdb.CatalogView.IndexView;
import io.reqldb.storage.rocksdb.CatalogView.TableView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Range;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.SizeApproximationFlag;
import org.rocksdb.Slice;
import org.rocksdb.UInt64AddOperator;
import org.rocksdb.WriteBufferManager;

/**
 * The storage engine on RocksDB. A data directory holds {@link Metadata#FILE_NAME} and the
 * RocksDB files under {@code rocksdb/}; the key layout is in {@link Keys}.
 *
 * <p>DDL (databases, tables, indexes) is serialized by one lock and written synced; a change
 * that removes data also takes the affected tables' schema locks so no write is in flight.
 * Document writes go through {@link RocksTable}.
 */
public final class RocksStore implements Store {
    private static final String ROCKSDB_DIR = "rocksdb";
    private static final long MB = 1024L * 1024L;

    private final Metadata metadata;
    private final long cacheBytes;
    private final StoreContext ctx;
    private final Catalog catalog;
    private final IndexBuilder builder;
    private final Map<UUID, RocksTable> tables = new ConcurrentHashMap<>();
    private final DocumentTraffic traffic = new DocumentTraffic(null);
    private final ReentrantLock ddl = new ReentrantLock();
    /** Native objects, closed in reverse order of creation. */
    private final Deque<AutoCloseable> resources;

    private RocksStore(Metadata metadata, StoreContext ctx, Deque<AutoCloseable> resources, long cacheBytes) {
        this.metadata = metadata;
        this.cacheBytes = cacheBytes;
        this.ctx = ctx;
        this.resources = resources;
        this.catalog = Catalog.load(ctx);
        this.builder = new IndexBuilder(ctx);
        for (TableView t : catalog.view().tables().values()) {
            tables.put(t.info().id(), new RocksTable(ctx, catalog, builder, t.info().id(), storedCount(t.number()),
                    new DocumentTraffic(traffic)));
        }
    }

    /**
     * Opens the data directory, creating it when missing, with no index classified as a plain
     * field lookup (see {@link #open(Path, RocksStoreOptions, IndexClassifier)}).
     */
    public static RocksStore open(Path dataDir, RocksStoreOptions options) {
        return open(dataDir, options, IndexClassifier.NONE);
    }

    /**
     * Opens the data directory as {@link StartupDecision#inspect} decides: creates it when
     * missing, opens the current format, migrates an older supported one (checkpoint first, see
     * {@link Migrator}), and refuses the rest without touching anything.
     *
     * @param classifier which indexes a migration may convert in place as plain field lookups
     * @throws StorageException UNSUPPORTED_FORMAT with the decision's message on a refusal; IO
     */
    public static RocksStore open(Path dataDir, RocksStoreOptions options, IndexClassifier classifier) {
        Path rocksDir = dataDir.resolve(ROCKSDB_DIR);
        StartupDecision decision = StartupDecision.inspect(dataDir);
        if (decision.refused()) {
            throw decision.refusal();
        }
        Metadata meta = decision.metadata();
        try {
            Files.createDirectories(dataDir);
            if (meta == null) {
                meta = Metadata.fresh();
                meta.write(dataDir);
            }
            Files.createDirectories(rocksDir);
        } catch (IOException e) {
            throw new StorageException(Code.IO, "cannot create " + dataDir + ": " + e.getMessage(), e);
        }
        RocksDB.loadLibrary();
        Deque<AutoCloseable> res = new ArrayDeque<>();
        try {
            // --cache-size, memtables included. Not RocksDB's strict limit: under it a block that
            // does not fit beside the pinned ones is refused, and when that block is the index or
            // filter of a file a flush or compaction just wrote, the job fails and RocksDB then
            // refuses every write until reopened. Unpinned blocks are evicted to make room, so the
            // cache outgrows its size only by blocks that open reads hold, for as long as they do.
            Cache cache = keep(res, new LRUCache(options.cacheSizeMb() * MB, -1, false));
            WriteBufferManager memtables = keep(res, new WriteBufferManager(options.memtableBytes(), cache));
            BloomFilter bloom = keep(res, new BloomFilter(10));
            // Documents: point lookups dominate, so whole-key bloom filters skip files without the key.
            BlockBasedTableConfig documentTables = new BlockBasedTableConfig().setBlockCache(cache)
                    .setFilterPolicy(bloom).setWholeKeyFiltering(true).setCacheIndexAndFilterBlocks(true)
                    .setPinL0FilterAndIndexBlocksInCache(true);
            // Indexes and catalog are only scanned or read at open: no filters to pay for.
            BlockBasedTableConfig plainTables = new BlockBasedTableConfig().setBlockCache(cache)
                    .setCacheIndexAndFilterBlocks(true);
            ColumnFamilyOptions catalogOpts = keep(res, new ColumnFamilyOptions()
                    .setMergeOperator(keep(res, new UInt64AddOperator()))
                    .setTableFormatConfig(plainTables).setWriteBufferSize(4 * MB));
            ColumnFamilyOptions documentOpts = keep(res, new ColumnFamilyOptions()
                    .setTableFormatConfig(documentTables).setCompressionType(CompressionType.LZ4_COMPRESSION)
                    .setWriteBufferSize(options.writeBufferMb() * MB));
            ColumnFamilyOptions indexOpts = keep(res, new ColumnFamilyOptions()
                    .setTableFormatConfig(plainTables).setCompressionType(CompressionType.LZ4_COMPRESSION)
                    .setWriteBufferSize(options.writeBufferMb() * MB));
            DBOptions dbOpts = keep(res, new DBOptions().setCreateIfMissing(true)
                    .setCreateMissingColumnFamilies(true)
                    .setIncreaseParallelism(Math.max(2, Runtime.getRuntime().availableProcessors()))
                    .setMaxBackgroundJobs(Math.max(2, Runtime.getRuntime().availableProcessors()))
                    .setBytesPerSync(MB).setKeepLogFileNum(5).setWriteBufferManager(memtables));
            List<ColumnFamilyDescriptor> families = List.of(
                    new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, catalogOpts),
                    new ColumnFamilyDescriptor(Keys.DOCUMENTS_FAMILY, documentOpts),
                    new ColumnFamilyDescriptor(Keys.INDEXES_FAMILY, indexOpts));
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            RocksDB db = RocksDB.open(dbOpts, rocksDir.toString(), families, handles);
            keep(res, db);
            handles.forEach(h -> keep(res, h));
            ReadOptions liveReads = keep(res, new ReadOptions());
            StoreContext ctx = new StoreContext(db, handles.get(0), handles.get(1), handles.get(2),
                    new Committer(db), new StripedLocks(1024), liveReads, new Lifecycle());
            if (decision.kind() == StartupDecision.Kind.MIGRATE) {
                meta = Migrator.migrate(dataDir, meta, ctx, classifier);
            } else if (decision.kind() == StartupDecision.Kind.OPEN) {
                if (MigrationRun.resume(ctx, classifier) != null) {
                    MigrationRun.clear(ctx);
                }
                if (!meta.reqldbVersion().equals(Metadata.RELEASE)) {
                    meta = meta.writtenNow(meta.formatVersion());
                    meta.write(dataDir);
                }
            }
            return new RocksStore(meta, ctx, res, options.cacheSizeMb() * MB);
        } catch (RocksDBException | RuntimeException e) {
            closeAll(res);
            if (e instanceof StorageException se) {
                throw se;
            }
            throw new StorageException(Code.IO, "cannot open RocksDB in " + rocksDir + ": " + e.getMessage(), e);
        }
    }

    private static <T extends AutoCloseable> T keep(Deque<AutoCloseable> res, T resource) {
        res.push(resource);
        return resource;
    }

    private long storedCount(int tableNumber) {
        try {
            byte[] v = ctx.db().get(ctx.catalog(), Keys.count(tableNumber));
            return v == null ? 0 : CatalogRecords.count(v);
        } catch (RocksDBException e) {
            throw Rocks.failure("count read", e);
        }
    }

    @Override
    public long cacheBytes() {
        return cacheBytes;
    }

    @Override
    public DocumentTraffic traffic() {
        return traffic;
    }

    @Override
    public DocumentTraffic traffic(UUID table) {
        RocksTable t = tables.get(table);
        return t != null ? t.traffic() : new DocumentTraffic(null);
    }

    @Override
    public long approximateBytes(UUID table) {
        ctx.lifecycle().check();
        TableView t = catalog.view().tables().get(table);
        if (t == null) {
            return 0;
        }
        // Index entries' keys start with the table's number too.
        byte[][] bounds = Keys.bounds(Keys.tablePrefix(t.number()), KeyRange.ALL);
        long bytes = 0;
        try (Slice start = new Slice(bounds[0]); Slice limit = new Slice(bounds[1])) {
            List<Range> range = List.of(new Range(start, limit));
            for (ColumnFamilyHandle family : List.of(ctx.documents(), ctx.indexes())) {
                bytes += ctx.db().getApproximateSizes(family, range, SizeApproximationFlag.INCLUDE_FILES,
                        SizeApproximationFlag.INCLUDE_MEMTABLES)[0];
            }
        }
        return bytes;
    }

    @Override
    public long cacheInUseBytes() {
        ctx.lifecycle().check();
        return engineFigures().blockCacheBytes();
    }

    @Override
    public long garbageBytes() {
        ctx.lifecycle().check();
        try {
            long live = ctx.db().getAggregatedLongProperty("rocksdb.estimate-live-data-size");
            return Math.max(0, engineFigures().sstBytes() - live);
        } catch (RocksDBException e) {
            throw Rocks.failure("property read", e);
        }
    }

    /** RocksDB's own figures now: cache, memtables, files, compaction backlog. */
    public EngineFigures engineFigures() {
        ctx.lifecycle().check();
        return EngineFigures.read(ctx.db());
    }

    /** What the data directory says about itself. */
    public Metadata metadata() {
        return metadata;
    }

    /** WAL syncs done for hard writes so far; tests use it to see that writers share them. */
    long walSyncCount() {
        return ctx.committer().syncCount();
    }

    // ----- databases

    @Override
    public DatabaseInfo createDatabase(String name) {
        ddl.lock();
        try {
            ctx.lifecycle().check();
            return catalog.createDatabase(name);
        } finally {
            ddl.unlock();
        }
    }

    @Override
    public DatabaseInfo dropDatabase(String name) {
        ddl.lock();
        try {
            ctx.lifecycle().check();
            DatabaseInfo db = catalog.view().database(name);
            List<RocksTable> doomed = new ArrayList<>();
            for (UUID id : catalog.view().tableNames().get(db.id()).values()) {
                doomed.add(tables.get(id));
            }
            doomed.forEach(t -> t.schemaLock().lock());
            try {
                catalog.dropDatabase(name);
                doomed.forEach(t -> tables.remove(t.id()));
            } finally {
                doomed.forEach(t -> t.schemaLock().unlock());
            }
            return db;
        } finally {
            ddl.unlock();
        }
    }

    @Override
    public List<DatabaseInfo> databases() {
        return List.copyOf(catalog.view().databases().values());
    }

    @Override
    public Optional<DatabaseInfo> database(String name) {
        return Optional.ofNullable(catalog.view().databases().get(name));
    }

    // ----- tables

    @Override
    public TableInfo createTable(String db, String name, TableOptions options) {
        ddl.lock();
        try {
            ctx.lifecycle().check();
            TableView t = catalog.createTable(db, name, options);
            tables.put(t.info().id(), new RocksTable(ctx, catalog, builder, t.info().id(), 0, new DocumentTraffic(traffic)));
            return t.info();
        } finally {
            ddl.unlock();
        }
    }

    @Override
    public TableInfo dropTable(String db, String name) {
        ddl.lock();
        try {
            ctx.lifecycle().check();
            RocksTable table = tables.get(catalog.view().table(db, name).info().id());
            table.schemaLock().lock();
            try {
                TableView t = catalog.dropTable(db, name);
                tables.remove(t.info().id());
                return t.info();
            } finally {
                table.schemaLock().unlock();
            }
        } finally {
            ddl.unlock();
        }
    }

    @Override
    public List<TableInfo> tables(String db) {
        CatalogView view = catalog.view();
        List<TableInfo> out = new ArrayList<>();
        for (UUID id : view.tableNames().get(view.database(db).id()).values()) {
            out.add(view.tables().get(id).info());
        }
        return out;
    }

    @Override
    public Table table(String db, String name) {
        return tables.get(catalog.view().table(db, name).info().id());
    }

    @Override
    public Optional<Table> table(UUID id) {
        return Optional.ofNullable(tables.get(id));
    }

    @Override
    public TableInfo renameTable(UUID id, String newDb, String newName) {
        ddl.lock();
        try {
            ctx.lifecycle().check();
            return catalog.renameTable(id, newDb, newName).info();
        } finally {
            ddl.unlock();
        }
    }

    /** Compiles the stored indexes' functions, and resumes builds that an earlier run left unfinished. */
    @Override
    public void setIndexFunctionCompiler(IndexFunctionCompiler compiler) {
        ddl.lock();
        try {
            ctx.lifecycle().check();
            for (Map.Entry<UUID, List<IndexView>> e : catalog.setCompiler(compiler).entrySet()) {
                RocksTable table = tables.get(e.getKey());
                e.getValue().forEach(ix -> builder.start(table, ix));
            }
        } finally {
            ddl.unlock();
        }
    }

    @Override
    public Snapshot snapshot() {
        ctx.lifecycle().check();
        return catalog.atomically(() -> new RocksSnapshot(ctx, catalog.view(), ctx.db().getSnapshot(), this::traffic));
    }

    @Override
    public void sync() {
        ctx.committer().syncAll();
    }

    /**
     * Stops index builds, waits for writes in flight, closes cursors and snapshots left open,
     * syncs the WAL and releases RocksDB. Later calls on the store, its tables and cursors throw
     * {@link StorageException} IO. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (ctx.lifecycle().isClosed()) {
            return;
        }
        builder.close();
        ctx.lifecycle().markClosed();
        ddl.lock();
        List<RocksTable> all = new ArrayList<>(tables.values());
        all.forEach(t -> t.schemaLock().lock());
        try {
            ctx.lifecycle().closeOpenHandles();
            ctx.committer().shutdown();
        } finally {
            closeAll(resources);
            all.forEach(t -> t.schemaLock().unlock());
            ddl.unlock();
        }
    }

    private static void closeAll(Deque<AutoCloseable> res) {
        while (!res.isEmpty()) {
            try {
                res.pop().close();
            } catch (Exception e) {
                // Keep closing the rest; a failed close leaks only native memory of a dying store.
            }
        }
    }
}
