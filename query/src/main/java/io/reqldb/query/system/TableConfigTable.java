package io.reqldb.query.system;

import io.reqldb.datum.Datum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.error.ReqlOpFailedError;
import io.reqldb.query.terms.WriteOptions;
import io.reqldb.storage.DatabaseInfo;
import io.reqldb.storage.TableInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code rethinkdb.table_config}: one row per user table. Updates may rename a table, move it to
 * another database, and change its durability or write_acks; the rest is fixed on one server.
 */
public final class TableConfigTable extends SystemTable {
    public TableConfigTable(SystemContext system, boolean uuidFormat) {
        super(system, "table_config", uuidFormat);
    }

    @Override
    protected List<Datum> rows() {
        List<Datum> out = new ArrayList<>();
        for (TableInfo t : TableRows.allTables(system)) {
            out.add(TableRows.config(system, t, uuidFormat));
        }
        return out;
    }

    @Override
    protected void write(Datum key, ObjectDatum oldRow, ObjectDatum newRow) {
        if (oldRow == null) {
            create(newRow);
            return;
        }
        TableInfo t = system.store().table(UUID.fromString(((StringDatum) key).value())).orElseThrow().info();
        if (newRow == null) {
            system.store().dropTable(t.db(), t.name());
            system.settings().forget(t.id());
            return;
        }
        if (!same(oldRow, newRow, "primary_key")) {
            throw new ReqlOpFailedError("It's illegal to change a table's primary key");
        }
        if (!same(oldRow, newRow, "indexes")) {
            throw new ReqlOpFailedError("The `indexes` field is read-only and can't be used to create or drop "
                    + "indexes.");
        }
        if (!same(oldRow, newRow, "write_hook")) {
            throw new ReqlOpFailedError("The `write_hook` field is read-only and can't be used to create or drop "
                    + "a write hook.");
        }
        Datum durability = newRow.get("durability");
        if (durability != null && !same(oldRow, newRow, "durability")) {
            system.settings().setDurability(t.id(), WriteOptions.parseDurability(durability));
        }
        Datum acks = newRow.get("write_acks");
        if (acks instanceof StringDatum s && !same(oldRow, newRow, "write_acks")) {
            system.settings().setWriteAcks(t.id(), s.value());
        }
        String newName = newRow.get("name") instanceof StringDatum s ? s.value() : t.name();
        String newDb = t.db();
        if (newRow.get("db") instanceof StringDatum s && !same(oldRow, newRow, "db")) {
            newDb = resolveDb(s.value());
        }
        if (!newName.equals(t.name()) || !newDb.equals(t.db())) {
            for (TableInfo other : system.store().tables(newDb)) {
                if (other.name().equals(newName)) {
                    throw new ReqlOpFailedError("Table `" + newDb + "." + newName + "` already exists.");
                }
            }
            system.store().renameTable(t.id(), newDb, newName);
        }
    }

    /**
     * As RethinkDB's backend: changing or deleting an existing table's row needs {@code config} on
     * the table, and moving it to another database {@code config} on that database too; creating a
     * table by inserting a row needs nothing more than writing to this table.
     */
    @Override
    public List<Users.Scope> configNeeded(Datum key, ObjectDatum oldRow, ObjectDatum newRow) {
        if (oldRow == null) {
            return List.of();
        }
        TableInfo t = system.store().table(UUID.fromString(((StringDatum) key).value())).orElseThrow().info();
        Users.Scope table = new Users.Scope(t.dbId(), t.id());
        if (newRow != null && newRow.get("db") instanceof StringDatum s && !same(oldRow, newRow, "db")) {
            for (DatabaseInfo db : system.userDatabases()) {
                if ((uuidFormat ? db.id().toString() : db.name()).equals(s.value()) && !db.id().equals(t.dbId())) {
                    return List.of(table, new Users.Scope(db.id(), null));
                }
            }
        }
        return List.of(table);
    }

    /** An insert into table_config creates the table it describes (with a generated id, as RethinkDB requires). */
    private void create(ObjectDatum row) {
        if (!(row.get("name") instanceof StringDatum name) || !(row.get("db") instanceof StringDatum db)) {
            throw new ReqlOpFailedError("The change you're trying to make to `rethinkdb.table_config` has the wrong "
                    + "format. Expected fields `db` and `name`.");
        }
        String dbName = resolveDb(db.value());
        io.reqldb.query.terms.admin.Names.check(name.value(), "Table");
        String pk = row.get("primary_key") instanceof StringDatum p ? p.value() : "id";
        io.reqldb.storage.Durability d = row.get("durability") instanceof StringDatum ds
                ? WriteOptions.parseDurability(ds) : io.reqldb.storage.Durability.HARD;
        try {
            system.store().createTable(dbName, name.value(), new io.reqldb.storage.TableOptions(pk, d));
        } catch (io.reqldb.storage.StorageException e) {
            throw new ReqlOpFailedError("Table `" + dbName + "." + name.value() + "` already exists.");
        }
    }

    private String resolveDb(String ref) {
        for (DatabaseInfo db : system.userDatabases()) {
            if (uuidFormat ? db.id().toString().equals(ref) : db.name().equals(ref)) {
                return db.name();
            }
        }
        throw new ReqlOpFailedError("Database `" + ref + "` does not exist.");
    }

    private static boolean same(ObjectDatum a, ObjectDatum b, String field) {
        return java.util.Objects.equals(a.get(field), b.get(field));
    }
}
