package io.reqldb.storage.rocksdb;

import io.reqldb.storage.DatabaseInfo;
import io.reqldb.storage.IndexDefinition;
import io.reqldb.storage.IndexFunction;
import io.reqldb.storage.StorageException;
import io.reqldb.storage.TableInfo;
import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;

/**
 * One immutable version of the catalog. The catalog publishes a new one after every change, so
 * readers and writers look things up without locks, and a snapshot keeps the version that
 * matches its data.
 *
 * @param databases  by name, sorted
 * @param tables     by id
 * @param tableNames per database id: table name to table id, sorted
 */
record CatalogView(SortedMap<String, DatabaseInfo> databases, Map<UUID, TableView> tables,
                   Map<UUID, SortedMap<String, UUID>> tableNames) {

    DatabaseInfo database(String name) {
        DatabaseInfo db = databases.get(name);
        if (db == null) {
            throw new StorageException(StorageException.Code.DB_MISSING, "Database `" + name + "` does not exist.");
        }
        return db;
    }

    TableView table(String db, String name) {
        UUID id = tableNames.get(database(db).id()).get(name);
        if (id == null) {
            throw new StorageException(StorageException.Code.TABLE_MISSING,
                    "Table `" + db + "." + name + "` does not exist.");
        }
        return tables.get(id);
    }

    /**
     * A table as of one catalog version.
     *
     * @param number  the storage number that prefixes its keys
     * @param indexes by name, sorted
     */
    record TableView(TableInfo info, int number, SortedMap<String, IndexView> indexes) {
        /** The index with this storage number, or null once it was dropped. */
        IndexView index(int indexNumber) {
            for (IndexView ix : indexes.values()) {
                if (ix.number() == indexNumber) {
                    return ix;
                }
            }
            return null;
        }
    }

    /**
     * A secondary index as of one catalog version.
     *
     * @param number   the storage number that prefixes its entries (with the table's)
     * @param function null until an {@link io.reqldb.storage.IndexFunctionCompiler} is set
     * @param ready    false while the background build runs
     */
    record IndexView(IndexDefinition definition, int number, IndexFunction function, boolean ready) {
        IndexView withReady(boolean r) {
            return new IndexView(definition, number, function, r);
        }
    }
}
