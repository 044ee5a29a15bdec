package io.reqldb.query.terms.admin;

import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.StoreCatalog;
import io.reqldb.query.eval.TableRef;
import io.reqldb.query.eval.TableValue;
import io.reqldb.query.eval.Values;
import io.reqldb.query.term.Term;

/** Argument helpers shared by the table, index and admin terms. */
public final class TableArgs {
    private TableArgs() {
    }

    /** Argument {@code i} as a whole table (a slice is RethinkDB's type error). */
    public static TableRef table(Term t, Env env, int i) {
        Object v = t.arg(env, i);
        if (v instanceof TableValue tv && !tv.isSlice()) {
            return tv.ref();
        }
        throw Values.typeError("TABLE", v).addFrame(i);
    }

    /** The catalog, which in a running engine is always the store-backed one. */
    public static StoreCatalog catalog(Env env) {
        if (env.context().catalog() instanceof StoreCatalog c) {
            return c;
        }
        throw new ReqlQueryLogicError("This operation needs a store-backed catalog.");
    }

    /** Whether the table is one of the {@code rethinkdb} system tables. */
    public static boolean isSystem(TableRef table) {
        return "rethinkdb".equals(table.db());
    }
}
