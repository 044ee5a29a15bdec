package io.reqldb.query.system;

import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumOrder;
import io.reqldb.datum.DatumType;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.query.error.ReqlOpFailedError;
import io.reqldb.storage.DocumentCursor;
import io.reqldb.storage.Durability;
import io.reqldb.storage.IndexDefinition;
import io.reqldb.storage.IndexFunction;
import io.reqldb.storage.IndexStatus;
import io.reqldb.storage.KeyRange;
import io.reqldb.storage.StorageException;
import io.reqldb.storage.Table;
import io.reqldb.storage.TableInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * A virtual table of the {@code rethinkdb} system database: its rows are computed from the
 * catalog on every read, keyed by {@code id}. Writes are refused with RethinkDB's message unless
 * a subclass overrides {@link #write}; an unchanged row is never a write (but see {@link #unchanged}).
 */
public abstract class SystemTable implements Table {
    /** The id RethinkDB gives the {@code rethinkdb} database is fixed too. */
    public static final UUID SYSTEM_DB_ID = UUID.nameUUIDFromBytes("rethinkdb".getBytes(StandardCharsets.UTF_8));

    protected final SystemContext system;
    protected final boolean uuidFormat;
    private final TableInfo info;

    protected SystemTable(SystemContext system, String name, boolean uuidFormat) {
        this.system = system;
        this.uuidFormat = uuidFormat;
        UUID id = UUID.nameUUIDFromBytes(("rethinkdb." + name).getBytes(StandardCharsets.UTF_8));
        this.info = new TableInfo(id, "rethinkdb", SYSTEM_DB_ID, name, "id", Durability.HARD);
    }

    /** All rows, in any order. */
    protected abstract List<Datum> rows();

    /** Stores a changed row; {@code newRow} null deletes. Refused by default. */
    protected void write(Datum key, ObjectDatum oldRow, ObjectDatum newRow) {
        throw new ReqlOpFailedError("It's illegal to write to the `rethinkdb." + info.name() + "` table.");
    }

    @Override
    public TableInfo info() {
        return info;
    }

    @Override
    public Datum get(Datum primaryKey) {
        for (Datum row : rows()) {
            Datum id = ((ObjectDatum) row).get("id");
            if (id != null && DatumOrder.compare(id, primaryKey) == 0) {
                return row;
            }
        }
        return null;
    }

    @Override
    public DocumentCursor scan(KeyRange range, boolean descending) {
        List<Datum> out = new ArrayList<>();
        for (Datum row : rows()) {
            if (inRange(range, ((ObjectDatum) row).get("id"))) {
                out.add(row);
            }
        }
        out.sort((a, b) -> DatumOrder.compare(((ObjectDatum) a).get("id"), ((ObjectDatum) b).get("id")));
        if (descending) {
            java.util.Collections.reverse(out);
        }
        Iterator<Datum> it = out.iterator();
        return new DocumentCursor() {
            @Override
            public Datum next() {
                return it.hasNext() ? it.next() : null;
            }

            @Override
            public void close() {
            }
        };
    }

    static boolean inRange(KeyRange r, Datum key) {
        if (key == null) {
            return false;
        }
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

    @Override
    public DocumentCursor indexScan(String index, KeyRange range, boolean descending) {
        throw new StorageException(StorageException.Code.INDEX_MISSING, index);
    }

    /**
     * Where a user other than admin must hold {@code config} to make this change, as RethinkDB's
     * backend for the table checks it; none unless a subclass says so.
     */
    public List<Users.Scope> configNeeded(Datum key, ObjectDatum oldRow, ObjectDatum newRow) {
        return List.of();
    }

    /**
     * A change that changed nothing ({@code row} null: there was no row and still is none).
     * RethinkDB hands it to the table's backend all the same, which may refuse it; nothing here.
     */
    protected void unchanged(Datum key, ObjectDatum row) {
    }

    /** Whether only admin may read or write the rows (RethinkDB's debug tables). */
    public boolean adminOnly() {
        return false;
    }

    @Override
    public WriteResult modify(Datum primaryKey, UnaryOperator<Datum> change, Durability durability) {
        return modify(primaryKey, change, durability, (oldRow, newRow) -> { });
    }

    /**
     * {@link #modify(Datum, UnaryOperator, Durability)}, showing {@code authorize} each change
     * before it is stored, a change that changes nothing included: RethinkDB hands every row to
     * its table's backend, which checks there.
     */
    public synchronized WriteResult modify(Datum primaryKey, UnaryOperator<Datum> change, Durability durability,
            BiConsumer<ObjectDatum, ObjectDatum> authorize) {
        Datum old = get(primaryKey);
        Datum next = change.apply(old);
        authorize.accept((ObjectDatum) old, (ObjectDatum) next);
        if (next == old || (next != null && next.equals(old))) {
            unchanged(primaryKey, (ObjectDatum) old);
            return new WriteResult(old, old);
        }
        write(primaryKey, (ObjectDatum) old, (ObjectDatum) next);
        Datum stored = next == null ? null : get(primaryKey) != null ? get(primaryKey) : next;
        if (!Objects.equals(old, stored)) { // listeners are told only of changes (Table.ChangeListener)
            List<WriteResult> changes = List.of(new WriteResult(old, stored));
            for (ChangeListener l : system.listeners(info.name())) {
                l.onChanges(changes);
            }
        }
        return new WriteResult(old, reported(next, stored));
    }

    /**
     * The new row a write answers with ({@code new_val}, and whether it counts as replaced): the
     * row as stored, as most of RethinkDB's system tables answer. Changefeeds always get the
     * stored row.
     */
    protected Datum reported(Datum written, Datum stored) {
        return stored;
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
    public void createIndex(IndexDefinition definition, IndexFunction function) {
        throw new ReqlOpFailedError("Database `rethinkdb` is special; you can't create secondary indexes on "
                + "the tables in it.");
    }

    @Override
    public void dropIndex(String name) {
        throw new StorageException(StorageException.Code.INDEX_MISSING, name);
    }

    @Override
    public void renameIndex(String from, String to, boolean overwrite) {
        throw new StorageException(StorageException.Code.INDEX_MISSING, from);
    }

    @Override
    public List<IndexStatus> indexes() {
        return List.of();
    }

    @Override
    public long count() {
        return rows().size();
    }

    @Override
    public AutoCloseable subscribe(ChangeListener listener) {
        List<ChangeListener> list = system.listeners(info.name());
        list.add(listener);
        return () -> list.remove(listener);
    }
}
