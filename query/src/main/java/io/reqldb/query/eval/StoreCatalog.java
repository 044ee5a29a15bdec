package io.reqldb.query.eval;

import io.reqldb.query.error.ReqlOpFailedError;
import io.reqldb.storage.StorageException;
import io.reqldb.storage.Store;

/** Resolves names against the store; the {@code rethinkdb} system database comes later. */
public final class StoreCatalog implements Catalog {
    private final Store store;

    public StoreCatalog(Store store) {
        this.store = store;
    }

    @Override
    public TableRef table(String db, String name) {
        try {
            return new TableRef(store.table(db, name), db, name);
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
        if (store.database(db).isEmpty()) {
            throw new ReqlOpFailedError("Database `" + db + "` does not exist.");
        }
    }
}
