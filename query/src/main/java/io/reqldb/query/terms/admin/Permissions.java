package io.reqldb.query.terms.admin;

import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.StoreCatalog;
import io.reqldb.query.eval.TableRef;
import io.reqldb.query.system.Users;
import io.reqldb.storage.TableInfo;
import java.util.List;
import java.util.UUID;

/**
 * RethinkDB 2.4's permission checks for the query's user (see {@link Users#holds} for where a
 * permission is looked up):
 * <ul>
 * <li>{@code read} when a table's documents are read: the check is made by the table itself
 *     ({@link #guard}), so naming a table, listing its indexes or waiting on it need nothing;</li>
 * <li>{@code write} (which needs {@code read} too) when documents are written, also by the table;</li>
 * <li>{@code config} on the table for index changes, write hooks, {@code config()},
 *     {@code reconfigure}, {@code rebalance}, {@code table_drop} and {@code ignore_write_hook};
 *     on the database for {@code table_create}, {@code db.config()}, and (with every table in
 *     it) {@code db_drop}, {@code db.reconfigure}, {@code db.rebalance}; globally for
 *     {@code db_create};</li>
 * <li>{@code connect}, global only, for {@code r.http};</li>
 * <li>{@code read} and {@code write} on {@code rethinkdb.permissions} for {@code grant}.</li>
 * </ul>
 * Queries without a session (internal ones) and admin's skip every check.
 */
public final class Permissions {
    private Permissions() {
    }

    /** The user whose permissions apply, or null when nothing is checked. */
    private static String user(Env env) {
        String user = env.context().session() == null ? null : env.context().session().user();
        return user == null || user.equals(Users.ADMIN) || !(env.context().catalog() instanceof StoreCatalog)
                ? null : user;
    }

    private static Users users(Env env) {
        return ((StoreCatalog) env.context().catalog()).users();
    }

    /** The table as this query's user may use it: reads and writes checked when they happen. */
    public static TableRef guard(Env env, TableRef table) {
        return guard(env, table, true);
    }

    /**
     * The table with its writes checked, and its reads too when {@code checkReads}: RethinkDB
     * hands out rows of {@code rethinkdb.table_config} for {@code config()} with no read check.
     */
    public static TableRef guard(Env env, TableRef table, boolean checkReads) {
        String user = user(env);
        if (user == null) {
            return table;
        }
        return new TableRef(new GuardedTable(table.storage(), users(env), user, checkReads), table.db(), table.name());
    }

    /** Requires {@code permission} on a table. */
    public static void require(Env env, String permission, TableRef table) {
        require(env, permission, table.storage().info());
    }

    /** Requires {@code permission} on the table described. */
    public static void require(Env env, String permission, TableInfo table) {
        String user = user(env);
        if (user != null) {
            users(env).require(user, permission, table.dbId(), table.id());
        }
    }

    /** Requires {@code permission} on a database, or globally when {@code db} is null. */
    public static void requireDb(Env env, String permission, String db) {
        String user = user(env);
        if (user != null) {
            UUID id = db == null ? null : ((StoreCatalog) env.context().catalog()).databaseId(db);
            users(env).require(user, permission, id, null);
        }
    }

    /** {@code config} on a database and on each of its tables (a table may refuse it). */
    public static void requireConfig(Env env, UUID db, List<TableInfo> tables) {
        String user = user(env);
        if (user == null) {
            return;
        }
        Users users = users(env);
        boolean ok = users.holds(user, "config", db, null);
        for (int i = 0; ok && i < tables.size(); i++) {
            ok = users.holds(user, "config", db, tables.get(i).id());
        }
        if (!ok) {
            throw Users.refusal(user, "config");
        }
    }

    /** {@code connect}, which {@code r.http} needs. */
    public static void requireConnect(Env env) {
        requireDb(env, "connect", null);
    }
}
