package io.reqldb.query;

import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumOrder;
import io.reqldb.datum.DatumType;
import io.reqldb.storage.DatabaseInfo;
import io.reqldb.storage.DocumentCursor;
import io.reqldb.storage.Durability;
import io.reqldb.storage.IndexDefinition;
import io.reqldb.storage.IndexFunction;
import io.reqldb.storage.IndexFunctionCompiler;
import io.reqldb.storage.IndexStatus;
import io.reqldb.storage.KeyRange;
import io.reqldb.storage.Snapshot;
import io.reqldb.storage.StorageException;
import io.reqldb.storage.Store;
import io.reqldb.storage.Table;
import io.reqldb.storage.TableInfo;
import io.reqldb.storage.TableOptions;
import io.reqldb.storage.TableReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** A small in-memory {@link Store} for query-layer tests: no persistence, indexes computed on read. */
public final class MemoryStore implements Store {
    private final Map<String, DatabaseInfo> dbs = new TreeMap<>();
    private final Map<UUID, MemTable> tables = new java.util.LinkedHashMap<>();

    public MemoryStore() {
        createDatabase("test");
    }

    @Override
    public synchronized DatabaseInfo createDatabase(String name) {
        if (dbs.containsKey(name)) {
            throw new StorageException(StorageException.Code.DB_EXISTS, name);
        }
        DatabaseInfo info = new DatabaseInfo(UUID.randomUUID(), name);
        dbs.put(name, info);
        return info;
    }

    @Override
    public synchronized DatabaseInfo dropDatabase(String name) {
        DatabaseInfo info = dbs.remove(name);
        if (info == null) {
            throw new StorageException(StorageException.Code.DB_MISSING, name);
        }
        tables.values().removeIf(t -> t.info.db().equals(name));
        return info;
    }

    @Override
    public synchronized List<DatabaseInfo> databases() {
        return new ArrayList<>(dbs.values());
    }

    @Override
    public synchronized Optional<DatabaseInfo> database(String name) {
        return Optional.ofNullable(dbs.get(name));
    }

    @Override
    public synchronized TableInfo createTable(String db, String name, TableOptions options) {
        DatabaseInfo d = requireDb(db);
        if (find(db, name) != null) {
            throw new StorageException(StorageException.Code.TABLE_EXISTS, name);
        }
        TableInfo info = new TableInfo(UUID.randomUUID(), db, d.id(), name, options.primaryKey(), options.durability());
        tables.put(info.id(), new MemTable(info));
        return info;
    }

    @Override
    public synchronized TableInfo dropTable(String db, String name) {
        requireDb(db);
        MemTable t = find(db, name);
        if (t == null) {
            throw new StorageException(StorageException.Code.TABLE_MISSING, name);
        }
        tables.remove(t.info.id());
        return t.info;
    }

    @Override
    public synchronized List<TableInfo> tables(String db) {
        requireDb(db);
        return tables.values().stream().map(t -> t.info).filter(i -> i.db().equals(db))
                .sorted(Comparator.comparing(TableInfo::name)).toList();
    }

    @Override
    public synchronized Table table(String db, String name) {
        requireDb(db);
        MemTable t = find(db, name);
        if (t == null) {
            throw new StorageException(StorageException.Code.TABLE_MISSING, name);
        }
        return t;
    }

    @Override
    public synchronized Optional<Table> table(UUID id) {
        return Optional.ofNullable(tables.get(id));
    }

    @Override
    public synchronized TableInfo renameTable(UUID id, String newDb, String newName) {
        MemTable t = tables.get(id);
        DatabaseInfo d = requireDb(newDb);
        t.info = new TableInfo(id, newDb, d.id(), newName, t.info.primaryKey(), t.info.durability());
        return t.info;
    }

    @Override
    public void setIndexFunctionCompiler(IndexFunctionCompiler compiler) {
    }

    @Override
    public Snapshot snapshot() {
        return new Snapshot() {
            @Override
            public TableReader table(String db, String name) {
                return MemoryStore.this.table(db, name);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void sync() {
    }

    @Override
    public void close() {
    }

    private DatabaseInfo requireDb(String db) {
        DatabaseInfo d = dbs.get(db);
        if (d == null) {
            throw new StorageException(StorageException.Code.DB_MISSING, db);
        }
        return d;
    }

    private MemTable find(String db, String name) {
        for (MemTable t : tables.values()) {
            if (t.info.db().equals(db) && t.info.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** One table: a sorted map of documents and index functions evaluated at scan time. */
    private static final class MemTable implements Table {
        private volatile TableInfo info;
        private final TreeMap<Datum, Datum> docs = new TreeMap<>(DatumOrder.COMPARATOR);
        private final TreeMap<String, Map.Entry<IndexDefinition, IndexFunction>> indexes = new TreeMap<>();

        MemTable(TableInfo info) {
            this.info = info;
        }

        @Override
        public TableInfo info() {
            return info;
        }

        @Override
        public synchronized Datum get(Datum primaryKey) {
            return docs.get(primaryKey);
        }

        @Override
        public synchronized DocumentCursor scan(KeyRange range, boolean descending) {
            List<Datum> out = new ArrayList<>();
            for (Map.Entry<Datum, Datum> e : docs.entrySet()) {
                if (inRange(range, e.getKey())) {
                    out.add(e.getValue());
                }
            }
            if (descending) {
                java.util.Collections.reverse(out);
            }
            return cursor(out, null);
        }

        @Override
        public synchronized DocumentCursor indexScan(String index, KeyRange range, boolean descending) {
            Map.Entry<IndexDefinition, IndexFunction> idx = indexes.get(index);
            if (idx == null) {
                throw new StorageException(StorageException.Code.INDEX_MISSING, index);
            }
            List<Datum[]> entries = new ArrayList<>();
            for (Map.Entry<Datum, Datum> e : docs.entrySet()) {
                for (Datum key : idx.getValue().keys(e.getValue())) {
                    if (inRange(range, key)) {
                        entries.add(new Datum[] {key, e.getKey(), e.getValue()});
                    }
                }
            }
            Comparator<Datum[]> order = (a, b) -> {
                int c = DatumOrder.compare(a[0], b[0]);
                return c != 0 ? c : DatumOrder.compare(a[1], b[1]);
            };
            entries.sort(descending ? order.reversed() : order);
            List<Datum> docsOut = new ArrayList<>();
            List<Datum> keysOut = new ArrayList<>();
            for (Datum[] e : entries) {
                docsOut.add(e[2]);
                keysOut.add(e[0]);
            }
            return cursor(docsOut, keysOut);
        }

        private static boolean inRange(KeyRange r, Datum key) {
            if (r.lower() != null && r.lower().type() != DatumType.MINVAL) {
                int c = DatumOrder.compare(key, r.lower());
                if (c < 0 || (c == 0 && !r.lowerClosed())) {
                    return false;
                }
            }
            if (r.upper() != null && r.upper().type() != DatumType.MAXVAL) {
                int c = DatumOrder.compare(key, r.upper());
                return c < 0 || (c == 0 && r.upperClosed());
            }
            return true;
        }

        private static DocumentCursor cursor(List<Datum> docs, List<Datum> keys) {
            Iterator<Datum> it = docs.iterator();
            return new DocumentCursor() {
                private int i = -1;

                @Override
                public Datum next() {
                    if (!it.hasNext()) {
                        return null;
                    }
                    i++;
                    return it.next();
                }

                @Override
                public Datum currentIndexValue() {
                    return keys.get(i);
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public synchronized WriteResult modify(Datum primaryKey, UnaryOperator<Datum> change, Durability durability) {
            Datum old = docs.get(primaryKey);
            Datum now = change.apply(old);
            if (now == null) {
                docs.remove(primaryKey);
            } else {
                docs.put(primaryKey, now);
            }
            return new WriteResult(old, now);
        }

        @Override
        public List<WriteResult> modifyAll(List<Datum> keys, List<UnaryOperator<Datum>> changes, Durability durability) {
            List<WriteResult> out = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                out.add(modify(keys.get(i), changes.get(i), durability));
            }
            return out;
        }

        @Override
        public synchronized void createIndex(IndexDefinition definition, IndexFunction function) {
            if (indexes.containsKey(definition.name())) {
                throw new StorageException(StorageException.Code.INDEX_EXISTS, definition.name());
            }
            indexes.put(definition.name(), Map.entry(definition, function));
        }

        @Override
        public synchronized void dropIndex(String name) {
            if (indexes.remove(name) == null) {
                throw new StorageException(StorageException.Code.INDEX_MISSING, name);
            }
        }

        @Override
        public synchronized void renameIndex(String from, String to, boolean overwrite) {
            Map.Entry<IndexDefinition, IndexFunction> e = indexes.get(from);
            if (e == null) {
                throw new StorageException(StorageException.Code.INDEX_MISSING, from);
            }
            if (indexes.containsKey(to) && !overwrite) {
                throw new StorageException(StorageException.Code.INDEX_EXISTS, to);
            }
            indexes.remove(from);
            IndexDefinition d = e.getKey();
            indexes.put(to, Map.entry(new IndexDefinition(to, d.function(), d.multi(), d.geo(), d.formatVersion()),
                    e.getValue()));
        }

        @Override
        public synchronized List<IndexStatus> indexes() {
            return indexes.values().stream().map(e -> new IndexStatus(e.getKey(), true, 1, false)).toList();
        }

        @Override
        public synchronized long count() {
            return docs.size();
        }

        @Override
        public AutoCloseable subscribe(ChangeListener listener) {
            return () -> { };
        }
    }
}
