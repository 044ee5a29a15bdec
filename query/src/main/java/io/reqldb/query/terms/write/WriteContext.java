package io.reqldb.query.terms.write;

import io.reqldb.datum.Datum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.FuncValue;
import io.reqldb.query.eval.StoreCatalog;
import io.reqldb.query.eval.TableRef;
import io.reqldb.query.eval.Values;
import io.reqldb.query.term.Term;
import io.reqldb.query.terms.WriteOptions;
import io.reqldb.storage.Durability;

/**
 * The optargs every write term shares ({@code durability}, {@code return_changes},
 * {@code ignore_write_hook}) resolved against the query and the table.
 */
public record WriteContext(TableRef table, Durability durability, WriteStats.ReturnChanges returnChanges,
                           boolean ignoreWriteHook) {

    public static WriteContext parse(Term t, Env env, TableRef table) {
        if (t.hasOptarg(env, "return_vals")) {
            throw new ReqlQueryLogicError("Error: encountered obsolete optarg `return_vals`.  "
                    + "Use `return_changes` instead.");
        }
        WriteStats.ReturnChanges rc = WriteStats.ReturnChanges.NO;
        Datum rcd = t.optargDatum(env, "return_changes");
        if (rcd instanceof StringDatum s) {
            if (!s.value().equals("always")) {
                throw new ReqlQueryLogicError("Invalid return_changes value `" + s.value()
                        + "` (options are `true`, `false`, and `'always'`.)");
            }
            rc = WriteStats.ReturnChanges.ALWAYS;
        } else if (rcd != null) {
            boolean b = t.optargBool(env, "return_changes", false);
            rc = b ? WriteStats.ReturnChanges.YES : WriteStats.ReturnChanges.NO;
        }
        Durability durability = null;
        Datum dd = t.optargDatum(env, "durability");
        if (dd != null) {
            durability = t.inOptarg("durability", () -> WriteOptions.parseDurability(dd));
        }
        if (durability == null) {
            durability = env.context().durability();
        }
        if (durability == null) {
            durability = table.storage().info().durability();
            if (env.context().catalog() instanceof StoreCatalog c) {
                durability = c.settings().durability(table.storage().info().id(), durability);
            }
        }
        boolean ignoreHook = t.optargBool(env, "ignore_write_hook", false);
        // `write` is checked by the table when the write happens (Permissions.guard).
        if (ignoreHook) {
            io.reqldb.query.terms.admin.Permissions.require(env, "config", table);
        }
        return new WriteContext(table, durability, rc, ignoreHook);
    }

    /** A writer for this table with its write hook (unless ignored). */
    public RowWriter writer(Env env) {
        FuncValue hook = null;
        if (!ignoreWriteHook && env.context().catalog() instanceof StoreCatalog catalog) {
            hook = catalog.settings().writeHook(table, env);
        }
        return new RowWriter(table, durability, new WriteStats(returnChanges, env.context().arrayLimit()), hook, env.context().now());
    }

}
