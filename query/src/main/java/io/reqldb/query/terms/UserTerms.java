package io.reqldb.query.terms;

import io.reqldb.datum.Datum;
import io.reqldb.query.error.ReqlOpFailedError;
import io.reqldb.query.eval.DbValue;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.StoreCatalog;
import io.reqldb.query.eval.TableRef;
import io.reqldb.query.eval.TableValue;
import io.reqldb.query.eval.Values;
import io.reqldb.query.system.SystemDatabase;
import io.reqldb.query.system.Users;
import io.reqldb.query.term.Term;
import io.reqldb.query.term.TermFamily;
import io.reqldb.query.term.TermRegistry;
import io.reqldb.query.term.TermType;
import io.reqldb.query.terms.admin.Changes;
import io.reqldb.query.terms.admin.Permissions;
import io.reqldb.query.terms.admin.TableArgs;

/** {@code r.grant}: global, database and table permissions, as rows of {@code rethinkdb.permissions}. */
public final class UserTerms implements TermFamily {
    @Override
    public void register(TermRegistry r) {
        r.term(TermType.GRANT).args(2, 3).notGroupable().body(UserTerms::grant);
    }

    private static Object grant(Term t, Env env) {
        StoreCatalog c = TableArgs.catalog(env);
        Users.Scope scope = Users.Scope.GLOBAL;
        if (t.argCount() == 3) {
            Object target = t.arg(env, 0);
            if (target instanceof DbValue db) {
                scope = new Users.Scope(c.databaseId(db.name()), null);
            } else if (target instanceof TableValue tv && !tv.isSlice()) {
                TableRef table = tv.ref();
                scope = new Users.Scope(c.databaseId(table.db()), table.storage().info().id());
            } else {
                throw Values.typeError("TABLE", target).addFrame(0);
            }
        }
        String user = t.stringArg(env, t.argCount() - 2);
        Datum permissions = t.datumArg(env, t.argCount() - 1);
        if (Users.ADMIN.equals(user)) {
            throw new ReqlOpFailedError("The permissions of the user `" + user + "` can't be modified.");
        }
        // RethinkDB lets whoever may read and write `rethinkdb.permissions` grant.
        TableRef permissionsTable = c.table(SystemDatabase.NAME, "permissions");
        Permissions.require(env, "read", permissionsTable);
        Permissions.require(env, "write", permissionsTable);
        Datum[] change = c.users().grant(user, scope, permissions);
        return Changes.result("granted", 1, "permissions_changes", Changes.pair(change[0], change[1]));
    }
}
