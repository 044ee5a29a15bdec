package io.reqldb.query.system;

import io.reqldb.datum.Datum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.error.ReqlOpFailedError;
import io.reqldb.storage.DatabaseInfo;
import java.util.ArrayList;
import java.util.List;

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
        for (DatabaseInfo db : system.store().databases()) {
            out.add(row(db));
        }
        return out;
    }

    public static ObjectDatum row(DatabaseInfo db) {
        return Rows.obj("id", db.id().toString(), "name", db.name());
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
        if (!oldRow.get("name").equals(newRow.get("name"))) {
            throw new ReqlOpFailedError("ReqlDB cannot rename databases yet (database `" + name + "`).");
        }
    }
}
