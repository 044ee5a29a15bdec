package io.reqldb.query.system;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.BinaryDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumJson;
import io.reqldb.datum.NullDatum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.storage.DocumentCursor;
import io.reqldb.storage.Durability;
import io.reqldb.storage.KeyRange;
import io.reqldb.storage.StorageException;
import io.reqldb.storage.Store;
import io.reqldb.storage.Table;
import io.reqldb.storage.TableOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Keeps what RethinkDB persists but our storage catalog does not know — users, permissions, write
 * hooks, durability and write_acks changes — in a hidden database of the store, so they survive
 * restarts. Its name is not a name users see: {@code db_list}, the system tables and name lookups
 * all leave it out.
 *
 * <p>Tables: {@code users} {id: name, password: {salt, iterations, salted} | null},
 * {@code permissions} {id: [user, db?, table?], permissions}, {@code tables} {id: table uuid,
 * write_hook: wire JSON text | absent, durability, write_acks}.
 */
public final class SettingsStore {
    public static final String DATABASE = "__reqldb_settings";
    private static final String USERS = "users";
    private static final String PERMISSIONS = "permissions";
    private static final String TABLES = "tables";

    private final Store store;

    SettingsStore(Store store) {
        this.store = store;
    }

    /**
     * Marks the data directory as set up. On a fresh one (no databases at all) this also creates
     * database {@code test}, which every new RethinkDB server starts with.
     */
    void initialize() {
        if (store.database(DATABASE).isPresent()) {
            return;
        }
        try {
            if (store.databases().isEmpty()) {
                store.createDatabase("test");
            }
            store.createDatabase(DATABASE);
        } catch (StorageException e) {
            // another engine on the same store got there first
        }
    }

    private Table table(String name) {
        if (store.database(DATABASE).isEmpty()) {
            try {
                store.createDatabase(DATABASE);
            } catch (StorageException e) {
                // created concurrently
            }
        }
        try {
            return store.table(DATABASE, name);
        } catch (StorageException e) {
            try {
                store.createTable(DATABASE, name, TableOptions.DEFAULT);
            } catch (StorageException again) {
                // created concurrently
            }
            return store.table(DATABASE, name);
        }
    }

    private void put(String table, Datum key, Datum doc) {
        table(table).modify(key, old -> doc, Durability.HARD);
    }

    private List<Datum> all(String table) {
        List<Datum> out = new ArrayList<>();
        if (store.database(DATABASE).isEmpty()) {
            return out;
        }
        try (DocumentCursor c = table(table).scan(KeyRange.ALL, false)) {
            for (Datum d = c.next(); d != null; d = c.next()) {
                out.add(d);
            }
        }
        return out;
    }

    // ----------------------------------------------------------------- users and permissions

    void saveUser(String name, Optional<Users.Password> password) {
        Datum pw = password.isEmpty() ? NullDatum.INSTANCE : Rows.obj(
                "salt", BinaryDatum.wrap(password.get().salt()),
                "iterations", password.get().iterations(),
                "salted", BinaryDatum.wrap(password.get().saltedPassword()));
        put(USERS, new StringDatum(name), Rows.obj("id", name, "password", pw));
    }

    void deleteUser(String name) {
        put(USERS, new StringDatum(name), null);
        for (Datum row : all(PERMISSIONS)) {
            ArrayDatum id = (ArrayDatum) ((ObjectDatum) row).get("id");
            if (id.get(0).equals(new StringDatum(name))) {
                put(PERMISSIONS, id, null);
            }
        }
    }

    void savePermissions(String user, Users.Scope scope, Datum permissions) {
        List<Datum> id = new ArrayList<>();
        id.add(new StringDatum(user));
        if (scope.db() != null) {
            id.add(new StringDatum(scope.db().toString()));
        }
        if (scope.table() != null) {
            id.add(new StringDatum(scope.table().toString()));
        }
        ArrayDatum key = ArrayDatum.wrap(id);
        put(PERMISSIONS, key, permissions == NullDatum.INSTANCE ? null : Rows.obj("id", key, "permissions", permissions));
    }

    /** Loads the saved users and permissions (admin is always there). */
    void loadUsers(Users users) {
        for (Datum row : all(USERS)) {
            ObjectDatum o = (ObjectDatum) row;
            String name = ((StringDatum) o.get("id")).value();
            Optional<Users.Password> pw = Optional.empty();
            if (o.get("password") instanceof ObjectDatum p) {
                pw = Optional.of(new Users.Password(((BinaryDatum) p.get("salt")).bytes(),
                        (int) ((NumberDatum) p.get("iterations")).value(), ((BinaryDatum) p.get("salted")).bytes()));
            }
            users.restoreUser(name, pw);
        }
        for (Datum row : all(PERMISSIONS)) {
            ObjectDatum o = (ObjectDatum) row;
            ArrayDatum id = (ArrayDatum) o.get("id");
            UUID db = id.size() > 1 ? UUID.fromString(((StringDatum) id.get(1)).value()) : null;
            UUID table = id.size() > 2 ? UUID.fromString(((StringDatum) id.get(2)).value()) : null;
            users.restorePermissions(((StringDatum) id.get(0)).value(), new Users.Scope(db, table), o.get("permissions"));
        }
    }

    // ----------------------------------------------------------------- table settings

    void saveTable(UUID table, Datum hookSource, Durability durability, String writeAcks, Integer shards) {
        if (hookSource == null && durability == null && writeAcks == null && shards == null) {
            put(TABLES, new StringDatum(table.toString()), null);
            return;
        }
        put(TABLES, new StringDatum(table.toString()), Rows.obj(
                "id", table.toString(),
                "write_hook", hookSource == null ? NullDatum.INSTANCE : new StringDatum(DatumJson.write(hookSource)),
                "durability", durability == null ? NullDatum.INSTANCE : new StringDatum(durability.reqlName()),
                "write_acks", writeAcks == null ? NullDatum.INSTANCE : new StringDatum(writeAcks),
                "shards", shards == null ? NullDatum.INSTANCE : NumberDatum.of(shards)));
    }

    void loadTables(TableSettings settings) {
        for (Datum row : all(TABLES)) {
            ObjectDatum o = (ObjectDatum) row;
            UUID id = UUID.fromString(((StringDatum) o.get("id")).value());
            Datum hook = o.get("write_hook") instanceof StringDatum s ? DatumJson.parse(s.value()) : null;
            Durability d = o.get("durability") instanceof StringDatum s
                    ? (s.value().equals("soft") ? Durability.SOFT : Durability.HARD) : null;
            String acks = o.get("write_acks") instanceof StringDatum s ? s.value() : null;
            settings.restore(id, hook, d, acks);
            if (o.get("shards") instanceof NumberDatum n) {
                settings.restoreShards(id, (int) n.value());
            }
        }
    }

}
