package io.reqldb.query.terms;

import io.reqldb.query.eval.DbValue;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.TableValue;
import io.reqldb.query.eval.Values;
import io.reqldb.query.term.Term;
import io.reqldb.query.term.TermFamily;
import io.reqldb.query.term.TermRegistry;
import io.reqldb.query.term.TermType;

/** Databases and tables: {@code r.db}, {@code table}, and (to come) their admin terms. */
public final class DbTableTerms implements TermFamily {
    @Override
    public void register(TermRegistry r) {
        r.term(TermType.DB).args(1).notGroupable().body((t, env) -> {
            String name = t.stringArg(env, 0);
            env.context().catalog().checkDatabase(name);
            return new DbValue(name);
        });
        r.term(TermType.TABLE).args(1, 2).optargs("read_mode", "identifier_format").notGroupable()
                .body(DbTableTerms::table);
    }

    /** {@code r.table(name)} or {@code db.table(name)}. */
    private static Object table(Term t, Env env) {
        String db;
        String name;
        if (t.argCount() == 2) {
            db = Values.toDb(t.arg(env, 0)).name();
            name = t.stringArg(env, 1);
        } else {
            db = env.context().defaultDb();
            name = t.stringArg(env, 0);
        }
        t.optargDatum(env, "read_mode");
        return TableValue.of(env.context().catalog().table(db, name));
    }
}
