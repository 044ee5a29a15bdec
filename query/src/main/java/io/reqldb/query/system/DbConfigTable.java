package io.reqldb.query.system;

import io.reqldb.datum.Datum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.error.ReqlOpFailedError;
import io.reqldb.storage.DatabaseInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code rethinkdb.db_config}: {id, name} per database. Inserting creates a database, deleting
 * drops one; renaming is refused because the storage catalog cannot rename databases.
 */
public final class DbConfigTable extends SystemTable {
    public DbConfigTable(SystemContext system, boolean uuidFormat) {
        super(system, "db_config", uuidFormat);
    }

    @Override
    protected List<Datum> rows() {
        List<Datum> out = new ArrayList<>();
        for (DatabaseInfo db : system.userDatabases()) {
            out.add(row(db));
        }
        return out;
    }

    public static ObjectDatum row(DatabaseInfo db) {
        return Rows.obj("id", db.id().toString(), "name", db.name());
    }

    /**
     * Renames a database. The storage catalog has no rename, so this creates the new database,
     * moves every table into it and drops the old one (the database's id changes).
     */
    private void rename(String from, String to) {
        if (to.equals("rethinkdb") || system.store().database(to).isPresent()) {
            throw new ReqlOpFailedError("Database `" + to + "` already exists.");
        }
        system.store().createDatabase(to);
        for (io.reqldb.storage.TableInfo t : system.store().tables(from)) {
            system.store().renameTable(t.id(), to, t.name());
        }
        system.store().dropDatabase(from);
    }

    /**
     * As RethinkDB's backend: a change to an existing database's row needs {@code config} on the
     * database, deleting it (a {@code db_drop}) {@code config} on each of its tables too, and any
     * other row (a new database) {@code config} globally.
     */
    @Override
    public List<Users.Scope> configNeeded(Datum key, ObjectDatum oldRow, ObjectDatum newRow) {
        if (oldRow == null) {
            return List.of(Users.Scope.GLOBAL);
        }
        UUID db = UUID.fromString(((StringDatum) oldRow.get("id")).value());
        List<Users.Scope> scopes = new ArrayList<>();
        scopes.add(new Users.Scope(db, null));
        if (newRow == null) {
            for (io.reqldb.storage.TableInfo t : system.store().tables(((StringDatum) oldRow.get("name")).value())) {
                scopes.add(new Users.Scope(db, t.id()));
            }
        }
        return scopes;
    }

    @Override
    protected void write(Datum key, ObjectDatum oldRow, ObjectDatum newRow) {
        if (oldRow == null) {
            if (!(newRow.get("name") instanceof StringDatum name)) {
                throw new ReqlOpFailedError("Expected a field named `name`.");
            }
            if (name.value().equals("rethinkdb") || system.store().database(name.value()).isPresent()) {
                throw new ReqlOpFailedError("Database `" + name.value() + "` already exists.");
            }
            system.store().createDatabase(name.value());
            return;
        }
        String name = ((StringDatum) oldRow.get("name")).value();
        if (newRow == null) {
            system.store().dropDatabase(name);
            return;
        }
        if (!java.util.Objects.equals(oldRow.get("id"), newRow.get("id"))) {
            throw new ReqlOpFailedError("It's illegal to change a database's `id`.");
        }
        if (!(newRow.get("name") instanceof StringDatum newName)) {
            throw new ReqlOpFailedError("Expected a field named `name`.");
        }
        for (String field : newRow.fields().keySet()) {
            if (!field.equals("id") && !field.equals("name")) {
                throw new ReqlOpFailedError("Unexpected key(s) `" + field + "`.");
            }
        }
        if (!newName.value().equals(name)) {
            rename(name, io.reqldb.query.terms.admin.Names.check(newName.value(), "Database"));
        }
    }
}
