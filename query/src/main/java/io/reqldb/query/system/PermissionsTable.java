package io.reqldb.query.system;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.error.ReqlOpFailedError;
import io.reqldb.storage.DatabaseInfo;
import io.reqldb.storage.TableInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code rethinkdb.permissions}: one row per user and scope, id {@code [user]},
 * {@code [user, db_id]} or {@code [user, db_id, table_id]}. Writes set or clear the permissions.
 */
public final class PermissionsTable extends SystemTable {
    public PermissionsTable(SystemContext system, boolean uuidFormat) {
        super(system, "permissions", uuidFormat);
    }

    @Override
    protected List<Datum> rows() {
        List<Datum> out = new ArrayList<>();
        for (Map.Entry<String, Map.Entry<Users.Scope, Datum>> e : system.users().allPermissions()) {
            Users.Scope scope = e.getValue().getKey();
            List<Object> id = new ArrayList<>();
            id.add(e.getKey());
            List<Object> kv = new ArrayList<>(List.of("user", e.getKey(), "permissions", e.getValue().getValue()));
            if (scope.db() != null) {
                id.add(scope.db().toString());
                kv.add("database");
                kv.add(dbName(scope.db()));
            }
            if (scope.table() != null) {
                id.add(scope.table().toString());
                kv.add("table");
                kv.add(tableName(scope.table()));
            }
            kv.add("id");
            kv.add(id);
            out.add(Rows.obj(kv.toArray()));
        }
        return out;
    }

    private Object dbName(UUID db) {
        if (uuidFormat) {
            return db.toString();
        }
        if (db.equals(SYSTEM_DB_ID)) {
            return "rethinkdb";
        }
        for (DatabaseInfo d : system.userDatabases()) {
            if (d.id().equals(db)) {
                return d.name();
            }
        }
        return db.toString();
    }

    private Object tableName(UUID table) {
        if (uuidFormat) {
            return table.toString();
        }
        for (TableInfo t : TableRows.allTables(system)) {
            if (t.id().equals(table)) {
                return t.name();
            }
        }
        String name = SystemDatabase.systemTableName(table);
        return name != null ? name : table.toString();
    }

    @Override
    protected void write(Datum key, ObjectDatum oldRow, ObjectDatum newRow) {
        if (!(key instanceof ArrayDatum id) || id.size() < 1 || id.size() > 3
                || !(id.get(0) instanceof StringDatum user)) {
            throw new ReqlOpFailedError("Expected an array of one to three strings as the primary key.");
        }
        UUID db = id.size() > 1 ? UUID.fromString(((StringDatum) id.get(1)).value()) : null;
        UUID table = id.size() > 2 ? UUID.fromString(((StringDatum) id.get(2)).value()) : null;
        Users.Scope scope = new Users.Scope(db, table);
        system.users().setPermissions(user.value(), scope, newRow == null ? null : newRow.get("permissions"));
    }
}
