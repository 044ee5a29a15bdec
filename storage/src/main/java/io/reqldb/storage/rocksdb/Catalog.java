package io.reqldb.storage.rocksdb;

import io.reqldb.datum.StringOrder;
import io.reqldb.storage.DatabaseInfo;
import io.reqldb.storage.IndexDefinition;
import io.reqldb.storage.IndexFunction;
import io.reqldb.storage.IndexFunctionCompiler;
import io.reqldb.storage.StorageException;
import io.reqldb.storage.StorageException.Code;
import io.reqldb.storage.TableInfo;
import io.reqldb.storage.TableOptions;
import io.reqldb.storage.rocksdb.CatalogView.IndexView;
import io.reqldb.storage.rocksdb.CatalogView.TableView;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * Databases, tables and index definitions: kept in memory, persisted in the default column
 * family with synced writes, and published as immutable {@link CatalogView}s. Every change runs
 * under this object's monitor, writes its records (and any data deletion) in one batch, then
 * publishes; {@link #atomically} lets a snapshot pair a view with RocksDB data consistently.
 *
 * <p>Callers that must keep writers out of a table while its layout changes (drops, index
 * changes) hold that table's schema lock around the call; the catalog does not know about it.
 */
final class Catalog {
    private final StoreContext ctx;
    private final TreeMap<String, DatabaseInfo> databases = new TreeMap<>(StringOrder.CODE_POINT);
    private final Map<UUID, TableView> tables = new HashMap<>();
    private int nextNumber = 1;
    private volatile CatalogView view;

    private Catalog(StoreContext ctx) {
        this.ctx = ctx;
    }

    /** Reads every catalog record. */
    static Catalog load(StoreContext ctx) {
        Catalog c = new Catalog(ctx);
        Map<UUID, CatalogRecords.StoredTable> stored = new HashMap<>();
        Map<Integer, TreeMap<String, IndexView>> indexesByTable = new HashMap<>();
        Map<UUID, DatabaseInfo> dbsById = new HashMap<>();
        try (RocksIterator it = ctx.db().newIterator(ctx.catalog())) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                byte[] key = it.key();
                switch (key[0]) {
                    case Keys.CATALOG_DATABASE -> {
                        DatabaseInfo db = CatalogRecords.database(Keys.uuidOf(key), it.value());
                        dbsById.put(db.id(), db);
                        c.databases.put(db.name(), db);
                    }
                    case Keys.CATALOG_TABLE -> {
                        CatalogRecords.StoredTable t = CatalogRecords.table(Keys.uuidOf(key), it.value());
                        stored.put(t.id(), t);
                    }
                    case Keys.CATALOG_INDEX -> {
                        CatalogRecords.StoredIndex ix = CatalogRecords.index(it.value());
                        indexesByTable.computeIfAbsent(Keys.intAt(key, 1), k -> new TreeMap<>())
                                .put(ix.definition().name(),
                                        new IndexView(ix.definition(), Keys.intAt(key, 5), null, ix.ready()));
                    }
                    case Keys.CATALOG_NEXT_NUMBER -> c.nextNumber = Keys.intAt(it.value(), 0);
                    default -> {
                        // counters are read by each table
                    }
                }
            }
            it.status();
        } catch (RocksDBException e) {
            throw Rocks.failure("catalog read", e);
        }
        for (CatalogRecords.StoredTable t : stored.values()) {
            String dbName = dbsById.get(t.dbId()).name();
            c.tables.put(t.id(), new TableView(t.info(dbName), t.number(),
                    Collections.unmodifiableSortedMap(indexesByTable.getOrDefault(t.number(), new TreeMap<>()))));
        }
        c.publish();
        return c;
    }

    CatalogView view() {
        return view;
    }

    /** Runs {@code action} with no catalog change in between; for snapshots. */
    synchronized <R> R atomically(Supplier<R> action) {
        return action.get();
    }

    // ----- databases

    synchronized DatabaseInfo createDatabase(String name) {
        if (databases.containsKey(name)) {
            throw new StorageException(Code.DB_EXISTS, "Database `" + name + "` already exists.");
        }
        DatabaseInfo db = new DatabaseInfo(UUID.randomUUID(), name);
        try (WriteBatch batch = new WriteBatch()) {
            batch.put(ctx.catalog(), Keys.database(db.id()), CatalogRecords.database(db));
            ctx.committer().writeSynced(batch);
        } catch (RocksDBException e) {
            throw Rocks.failure("catalog write", e);
        }
        databases.put(name, db);
        publish();
        return db;
    }

    /** Drops a database with all its tables (data included). */
    synchronized DatabaseInfo dropDatabase(String name) {
        DatabaseInfo db = view.database(name);
        List<TableView> doomed = new ArrayList<>();
        for (UUID id : view.tableNames().get(db.id()).values()) {
            doomed.add(tables.get(id));
        }
        try (WriteBatch batch = new WriteBatch()) {
            batch.delete(ctx.catalog(), Keys.database(db.id()));
            for (TableView t : doomed) {
                deleteTable(batch, t);
            }
            ctx.committer().writeSynced(batch);
        } catch (RocksDBException e) {
            throw Rocks.failure("catalog write", e);
        }
        databases.remove(name);
        doomed.forEach(t -> tables.remove(t.info().id()));
        publish();
        return db;
    }

    // ----- tables

    synchronized TableView createTable(String dbName, String name, TableOptions options) {
        DatabaseInfo db = view.database(dbName);
        if (view.tableNames().get(db.id()).containsKey(name)) {
            throw new StorageException(Code.TABLE_EXISTS, "Table `" + dbName + "." + name + "` already exists.");
        }
        TableInfo info = new TableInfo(UUID.randomUUID(), dbName, db.id(), name, options.primaryKey(),
                options.durability());
        int number = nextNumber;
        try (WriteBatch batch = new WriteBatch()) {
            batch.put(ctx.catalog(), Keys.table(info.id()), CatalogRecords.table(info, number));
            batch.put(ctx.catalog(), Keys.count(number), CatalogRecords.count(0));
            batch.put(ctx.catalog(), Keys.nextNumber(), CatalogRecords.number(number + 1));
            ctx.committer().writeSynced(batch);
        } catch (RocksDBException e) {
            throw Rocks.failure("catalog write", e);
        }
        nextNumber = number + 1;
        TableView t = new TableView(info, number, Collections.emptySortedMap());
        tables.put(info.id(), t);
        publish();
        return t;
    }

    synchronized TableView dropTable(String db, String name) {
        TableView t = view.table(db, name);
        try (WriteBatch batch = new WriteBatch()) {
            deleteTable(batch, t);
            ctx.committer().writeSynced(batch);
        } catch (RocksDBException e) {
            throw Rocks.failure("catalog write", e);
        }
        tables.remove(t.info().id());
        publish();
        return t;
    }

    private void deleteTable(WriteBatch batch, TableView t) throws RocksDBException {
        int n = t.number();
        batch.delete(ctx.catalog(), Keys.table(t.info().id()));
        batch.delete(ctx.catalog(), Keys.count(n));
        batch.deleteRange(ctx.catalog(), Keys.indexDefinitions(n), Keys.indexDefinitions(n + 1));
        batch.deleteRange(ctx.documents(), Keys.tablePrefix(n), Keys.tablePrefix(n + 1));
        batch.deleteRange(ctx.indexes(), Keys.tablePrefix(n), Keys.tablePrefix(n + 1));
    }

    synchronized TableView renameTable(UUID id, String newDb, String newName) {
        TableView t = tables.get(id);
        if (t == null) {
            throw new StorageException(Code.TABLE_MISSING, "Table `" + id + "` does not exist.");
        }
        DatabaseInfo db = view.database(newDb);
        UUID existing = view.tableNames().get(db.id()).get(newName);
        if (existing != null && !existing.equals(id)) {
            throw new StorageException(Code.TABLE_EXISTS, "Table `" + newDb + "." + newName + "` already exists.");
        }
        TableInfo old = t.info();
        TableInfo info = new TableInfo(id, newDb, db.id(), newName, old.primaryKey(), old.durability());
        writeSynced(Keys.table(id), CatalogRecords.table(info, t.number()));
        TableView renamed = new TableView(info, t.number(), t.indexes());
        tables.put(id, renamed);
        publish();
        return renamed;
    }

    // ----- indexes

    /** Registers a new, not yet built index; writers maintain it from the next view on. */
    synchronized IndexView addIndex(UUID tableId, IndexDefinition def, IndexFunction function) {
        TableView t = liveTable(tableId);
        if (t.indexes().containsKey(def.name())) {
            throw new StorageException(Code.INDEX_EXISTS, "Index `" + def.name() + "` already exists on table `"
                    + t.info().db() + "." + t.info().name() + "`.");
        }
        int number = nextNumber;
        try (WriteBatch batch = new WriteBatch()) {
            batch.put(ctx.catalog(), Keys.index(t.number(), number), CatalogRecords.index(def, false));
            batch.put(ctx.catalog(), Keys.nextNumber(), CatalogRecords.number(number + 1));
            ctx.committer().writeSynced(batch);
        } catch (RocksDBException e) {
            throw Rocks.failure("catalog write", e);
        }
        nextNumber = number + 1;
        IndexView ix = new IndexView(def, number, function, false);
        putIndexes(t, withIndex(t.indexes(), ix, null));
        return ix;
    }

    /** Marks a finished build ready, unless the index was dropped or replaced meanwhile. */
    synchronized void markReady(UUID tableId, int indexNumber) {
        TableView t = tables.get(tableId);
        IndexView ix = t == null ? null : t.index(indexNumber);
        if (ix == null) {
            return;
        }
        writeSynced(Keys.index(t.number(), indexNumber), CatalogRecords.index(ix.definition(), true));
        putIndexes(t, withIndex(t.indexes(), ix.withReady(true), null));
    }

    synchronized IndexView dropIndex(UUID tableId, String name) {
        TableView t = liveTable(tableId);
        IndexView ix = existingIndex(t, name);
        try (WriteBatch batch = new WriteBatch()) {
            deleteIndex(batch, t, ix);
            ctx.committer().writeSynced(batch);
        } catch (RocksDBException e) {
            throw Rocks.failure("catalog write", e);
        }
        putIndexes(t, withIndex(t.indexes(), null, name));
        return ix;
    }

    synchronized void renameIndex(UUID tableId, String from, String to, boolean overwrite) {
        TableView t = liveTable(tableId);
        IndexView ix = existingIndex(t, from);
        if (from.equals(to)) {
            return;
        }
        IndexView replaced = t.indexes().get(to);
        if (replaced != null && !overwrite) {
            throw new StorageException(Code.INDEX_EXISTS, "Index `" + to + "` already exists on table `"
                    + t.info().db() + "." + t.info().name() + "`.");
        }
        IndexDefinition d = ix.definition();
        IndexView renamed = new IndexView(new IndexDefinition(to, d.function(), d.multi(), d.geo(), d.formatVersion()),
                ix.number(), ix.function(), ix.ready());
        // The replaced index's entries go only after the new view is published: a live reader
        // that still resolved `to` to the replaced index either iterates from before the delete,
        // or sees the new view when it re-checks (TableReads.indexScan) and reads the renamed one.
        try (WriteBatch batch = new WriteBatch()) {
            if (replaced != null) {
                batch.delete(ctx.catalog(), Keys.index(t.number(), replaced.number()));
            }
            batch.put(ctx.catalog(), Keys.index(t.number(), ix.number()),
                    CatalogRecords.index(renamed.definition(), renamed.ready()));
            ctx.committer().writeSynced(batch);
        } catch (RocksDBException e) {
            throw Rocks.failure("catalog write", e);
        }
        TreeMap<String, IndexView> m = new TreeMap<>(t.indexes());
        m.remove(from);
        m.put(to, renamed);
        putIndexes(t, m);
        if (replaced != null) {
            try (WriteBatch batch = new WriteBatch()) {
                batch.deleteRange(ctx.indexes(), Keys.indexPrefix(t.number(), replaced.number()),
                        Keys.indexPrefix(t.number(), replaced.number() + 1));
                ctx.committer().writeSynced(batch);
            } catch (RocksDBException e) {
                throw Rocks.failure("catalog write", e);
            }
        }
    }

    private void deleteIndex(WriteBatch batch, TableView t, IndexView ix) throws RocksDBException {
        batch.delete(ctx.catalog(), Keys.index(t.number(), ix.number()));
        batch.deleteRange(ctx.indexes(), Keys.indexPrefix(t.number(), ix.number()),
                Keys.indexPrefix(t.number(), ix.number() + 1));
    }

    /**
     * Compiles every index that has no function yet. All or nothing: if the compiler throws,
     * the catalog is left as it was and the exception propagates.
     *
     * @return the indexes whose build has to (re)start, by table id
     */
    synchronized Map<UUID, List<IndexView>> setCompiler(IndexFunctionCompiler compiler) {
        Map<UUID, TableView> compiled = new HashMap<>();
        Map<UUID, List<IndexView>> unbuilt = new HashMap<>();
        for (TableView t : tables.values()) {
            TreeMap<String, IndexView> m = new TreeMap<>(t.indexes());
            boolean changed = false;
            for (Map.Entry<String, IndexView> e : m.entrySet()) {
                IndexView ix = e.getValue();
                if (ix.function() == null) {
                    ix = new IndexView(ix.definition(), ix.number(), compiler.compile(ix.definition()), ix.ready());
                    e.setValue(ix);
                    changed = true;
                    if (!ix.ready()) {
                        unbuilt.computeIfAbsent(t.info().id(), k -> new ArrayList<>()).add(ix);
                    }
                }
            }
            if (changed) {
                compiled.put(t.info().id(), new TableView(t.info(), t.number(), Collections.unmodifiableSortedMap(m)));
            }
        }
        tables.putAll(compiled);
        publish();
        return unbuilt;
    }

    // ----- helpers

    private TableView liveTable(UUID id) {
        TableView t = tables.get(id);
        if (t == null) {
            throw new StorageException(Code.TABLE_MISSING, "Table `" + id + "` does not exist.");
        }
        return t;
    }

    private static IndexView existingIndex(TableView t, String name) {
        IndexView ix = t.indexes().get(name);
        if (ix == null) {
            throw new StorageException(Code.INDEX_MISSING, "Index `" + name + "` was not found on table `"
                    + t.info().db() + "." + t.info().name() + "`.");
        }
        return ix;
    }

    private static TreeMap<String, IndexView> withIndex(SortedMap<String, IndexView> old, IndexView add, String remove) {
        TreeMap<String, IndexView> m = new TreeMap<>(old);
        if (remove != null) {
            m.remove(remove);
        }
        if (add != null) {
            m.put(add.definition().name(), add);
        }
        return m;
    }

    private void putIndexes(TableView t, TreeMap<String, IndexView> indexes) {
        tables.put(t.info().id(), new TableView(t.info(), t.number(), Collections.unmodifiableSortedMap(indexes)));
        publish();
    }

    private void writeSynced(byte[] key, byte[] value) {
        try (WriteBatch batch = new WriteBatch()) {
            batch.put(ctx.catalog(), key, value);
            ctx.committer().writeSynced(batch);
        } catch (RocksDBException e) {
            throw Rocks.failure("catalog write", e);
        }
    }

    /** Replaces the published view with one built from the current state. */
    private void publish() {
        Map<UUID, SortedMap<String, UUID>> names = new HashMap<>();
        for (DatabaseInfo db : databases.values()) {
            names.put(db.id(), new TreeMap<>(StringOrder.CODE_POINT));
        }
        for (TableView t : tables.values()) {
            names.get(t.info().dbId()).put(t.info().name(), t.info().id());
        }
        names.replaceAll((k, v) -> Collections.unmodifiableSortedMap(v));
        view = new CatalogView(Collections.unmodifiableSortedMap(new TreeMap<>(databases)), Map.copyOf(tables),
                Map.copyOf(names));
    }
}
