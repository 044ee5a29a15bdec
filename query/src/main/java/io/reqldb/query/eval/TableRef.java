package io.reqldb.query.eval;

import io.reqldb.datum.Datum;
import io.reqldb.query.error.ReqlOpFailedError;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.storage.StorageException;
import io.reqldb.storage.Table;
import java.util.function.Supplier;

/**
 * A table as the query layer sees it: the storage table plus the names users know it by. Storage
 * errors raised through {@link #translate} become RethinkDB's errors with its messages.
 */
public final class TableRef {
    private final Table table;
    private final String db;
    private final String name;

    public TableRef(Table table, String db, String name) {
        this.table = table;
        this.db = db;
        this.name = name;
    }

    public Table storage() {
        return table;
    }

    public String db() {
        return db;
    }

    public String name() {
        return name;
    }

    /** "db.table", as error messages name tables. */
    public String qualifiedName() {
        return db + "." + name;
    }

    public String primaryKey() {
        return table.info().primaryKey();
    }

    /** The row with this key, or NullDatum. */
    public Datum get(Datum key) {
        Datum row = translate(() -> table.get(key));
        return row == null ? io.reqldb.datum.NullDatum.INSTANCE : row;
    }

    /** Runs a storage call, turning storage errors into RethinkDB's. */
    public <T> T translate(Supplier<T> call) {
        try {
            return call.get();
        } catch (StorageException e) {
            throw translate(e, null);
        }
    }

    /** RethinkDB's error for a storage failure on this table; {@code index} names the index involved. */
    public RuntimeException translate(StorageException e, String index) {
        return switch (e.code()) {
            case INDEX_MISSING -> new ReqlOpFailedError("Index `" + (index != null ? index : e.getMessage())
                    + "` was not found on table `" + qualifiedName() + "`.");
            case INDEX_NOT_READY -> new ReqlOpFailedError("Index `" + (index != null ? index : e.getMessage())
                    + "` on table `" + qualifiedName() + "` was accessed before its construction was finished.");
            case TABLE_MISSING -> new ReqlOpFailedError("Table `" + qualifiedName() + "` does not exist.");
            case DB_MISSING -> new ReqlOpFailedError("Database `" + db + "` does not exist.");
            case SNAPSHOT_RELEASED -> new ReqlOpFailedError(e.getMessage());
            default -> new ReqlQueryLogicError(e.getMessage());
        };
    }
}
