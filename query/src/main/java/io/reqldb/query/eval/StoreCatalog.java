package io.reqldb.query.eval;

import io.reqldb.query.error.ReqlOpFailedError;
import io.reqldb.query.system.SystemContext;
import io.reqldb.query.system.SystemDatabase;
import io.reqldb.query.system.SystemTable;
import io.reqldb.query.system.TableSettings;
import io.reqldb.query.system.Users;
import io.reqldb.storage.DatabaseInfo;
import io.reqldb.storage.StorageException;
import io.reqldb.storage.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Resolves names against the store, plus the virtual {@code rethinkdb} system database, and holds
 * what the store does not: per-table settings (write hooks) and users with their permissions.
 * On creation it registers the query layer's index-function compiler with the store.
 */
public final class StoreCatalog implements Catalog {
    private final Store store;
    private final SystemDatabase system;
    private final io.reqldb.query.terms.index.IndexCompiler indexCompiler;
    /** Non-null in a view from {@link #atSnapshot}: user tables are read as of it. */
    private final io.reqldb.storage.Snapshot snapshot;

    public StoreCatalog(Store store) {
        this.store = store;
        this.system = new SystemDatabase(new SystemContext(store));
        this.indexCompiler = new io.reqldb.query.terms.index.IndexCompiler(this);
        this.snapshot = null;
        if (store != null) {
            store.setIndexFunctionCompiler(indexCompiler);
        }
    }

    private StoreCatalog(StoreCatalog base, io.reqldb.storage.Snapshot snapshot) {
        this.store = base.store;
        this.system = base.system;
        this.indexCompiler = base.indexCompiler;
        this.snapshot = snapshot;
    }

    /**
     * This catalog with user tables read as of the snapshot pinned under {@code id} in
     * {@code rethinkdb.snapshots} (the {@code snapshot} global optarg); they cannot be written.
     */
    public StoreCatalog atSnapshot(String id) {
        return new StoreCatalog(this, system.context().snapshots().get(id));
    }

    /** Compiles stored index functions (shared with the storage engine). */
    public io.reqldb.query.terms.index.IndexCompiler indexCompiler() {
        return indexCompiler;
    }

    public Store store() {
        return store;
    }

    public SystemDatabase system() {
        return system;
    }

    public TableSettings settings() {
        return system.context().settings();
    }

    public Users users() {
        return system.context().users();
    }

    @Override
    public TableRef table(String db, String name) {
        return table(db, name, false);
    }

    /** A table; with {@code uuidFormat} system tables name databases, tables and servers by id. */
    public TableRef table(String db, String name, boolean uuidFormat) {
        if (SystemDatabase.NAME.equals(db)) {
            SystemTable t = system.table(name, uuidFormat);
            if (t == null) {
                throw new ReqlOpFailedError("Table `" + db + "." + name + "` does not exist.");
            }
            return new TableRef(t, db, name);
        }
        if (io.reqldb.query.system.SettingsStore.DATABASE.equals(db)) {
            throw new ReqlOpFailedError("Database `" + db + "` does not exist.");
        }
        try {
            io.reqldb.storage.Table table = store.table(db, name);
            if (snapshot != null) {
                table = new SnapshotTable(table, snapshot.table(db, name), db + "." + name);
            }
            return new TableRef(table, db, name);
        } catch (StorageException e) {
            if (e.code() == StorageException.Code.DB_MISSING) {
                throw new ReqlOpFailedError("Database `" + db + "` does not exist.");
            }
            if (e.code() == StorageException.Code.TABLE_MISSING) {
                throw new ReqlOpFailedError("Table `" + db + "." + name + "` does not exist.");
            }
            throw e;
        }
    }

    @Override
    public void checkDatabase(String db) {
        if (!SystemDatabase.NAME.equals(db) && (store.database(db).isEmpty()
                || io.reqldb.query.system.SettingsStore.DATABASE.equals(db))) {
            throw new ReqlOpFailedError("Database `" + db + "` does not exist.");
        }
    }

    /** Every database name, the system database included, sorted. */
    public List<String> databaseNames() {
        List<String> names = new ArrayList<>();
        names.add(SystemDatabase.NAME);
        for (DatabaseInfo d : system.context().userDatabases()) {
            names.add(d.name());
        }
        names.sort(null);
        return names;
    }

    /** The id of a database (fixed for the system database). */
    public UUID databaseId(String db) {
        if (SystemDatabase.NAME.equals(db)) {
            return SystemTable.SYSTEM_DB_ID;
        }
        return store.database(db).map(DatabaseInfo::id)
                .orElseThrow(() -> new ReqlOpFailedError("Database `" + db + "` does not exist."));
    }
}
