package io.reqldb.query.terms.admin;

import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.StoreCatalog;
import io.reqldb.query.eval.TableRef;
import io.reqldb.query.system.SystemDatabase;
import java.util.UUID;

/**
 * RethinkDB's permission checks for the query's user: {@code read} on tables read, {@code write}
 * on tables written, {@code config} on databases and tables administered. The table's setting
 * wins over the database's, which wins over the global one; the {@code rethinkdb} database only
 * takes explicit grants; admin may do everything.
 */
public final class Permissions {
    private Permissions() {
    }

    private static String user(Env env) {
        return env.context().session() == null ? null : env.context().session().user();
    }

    /** Requires {@code permission} on a table. */
    public static void require(Env env, String permission, TableRef table) {
        String user = user(env);
        if (user == null || user.equals(io.reqldb.query.system.Users.ADMIN)
                || !(env.context().catalog() instanceof StoreCatalog c)) {
            return;
        }
        boolean system = SystemDatabase.NAME.equals(table.db());
        c.users().require(user, permission, c.databaseId(table.db()), table.storage().info().id(), system);
    }

    /** Requires {@code permission} on a database, or globally when {@code db} is null. */
    public static void requireDb(Env env, String permission, String db) {
        String user = user(env);
        if (user == null || user.equals(io.reqldb.query.system.Users.ADMIN)
                || !(env.context().catalog() instanceof StoreCatalog c)) {
            return;
        }
        UUID id = db == null ? null : c.databaseId(db);
        c.users().require(user, permission, id, null, SystemDatabase.NAME.equals(db));
    }
}
