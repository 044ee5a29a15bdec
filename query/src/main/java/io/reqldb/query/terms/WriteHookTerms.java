package io.reqldb.query.terms;

import io.reqldb.datum.BinaryDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.NullDatum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.query.error.ReqlOpFailedError;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.FuncValue;
import io.reqldb.query.eval.StoreCatalog;
import io.reqldb.query.eval.TableRef;
import io.reqldb.query.eval.Values;
import io.reqldb.query.term.Term;
import io.reqldb.query.term.TermFamily;
import io.reqldb.query.term.TermRegistry;
import io.reqldb.query.term.TermType;
import io.reqldb.query.terms.admin.TableArgs;
import io.reqldb.query.terms.index.IndexCreate;
import io.reqldb.query.terms.index.StoredFunctions;
import io.reqldb.query.terms.write.Determinism;
import java.util.UUID;

/** {@code set_write_hook} and {@code get_write_hook}; the hook itself runs in the write path. */
public final class WriteHookTerms implements TermFamily {
    @Override
    public void register(TermRegistry r) {
        r.term(TermType.SET_WRITE_HOOK).args(2).notGroupable().body(WriteHookTerms::set);
        r.term(TermType.GET_WRITE_HOOK).args(1).notGroupable().body((t, env) -> {
            TableRef table = TableArgs.table(t, env, 0);
            io.reqldb.query.terms.admin.Permissions.require(env, "config", table);
            Datum source = TableArgs.catalog(env).settings().writeHookSource(table.storage().info().id());
            return source == null ? NullDatum.INSTANCE : StoredFunctions.writeHookInfo(source);
        });
    }

    private static Object set(Term t, Env env) {
        TableRef table = TableArgs.table(t, env, 0);
        if (TableArgs.isSystem(table)) {
            throw new ReqlOpFailedError("Database `rethinkdb` is special; you can't set a write hook on the tables "
                    + "in it.");
        }
        StoreCatalog c = TableArgs.catalog(env);
        io.reqldb.query.terms.admin.Permissions.require(env, "config", table);
        UUID id = table.storage().info().id();
        boolean existed = c.settings().writeHookSource(id) != null;
        Object v = t.arg(env, 1);
        StoredFunctions.Func func;
        if (v == NullDatum.INSTANCE) {
            c.settings().setWriteHook(id, null);
            return ObjectDatum.of("deleted", NumberDatum.of(1));
        } else if (v instanceof BinaryDatum blob) {
            func = t.inArg(1, () -> StoredFunctions.decodeHook(blob.bytes()));
        } else if (v instanceof FuncValue f && !f.isConstant()) {
            func = IndexCreate.fromFuncValue(f);
        } else {
            throw Values.typeError("FUNCTION", v).addFrame(1);
        }
        Datum wire = func.toWire();
        Term compiled = env.context().compiler().compile(wire);
        if (!Determinism.isDeterministic(compiled, false)) {
            throw new ReqlQueryLogicError("Could not prove function deterministic.  "
                    + "Write hook functions must be deterministic.");
        }
        if (func.params().length != 3) {
            throw new ReqlQueryLogicError("Write hook functions must expect 3 arguments.");
        }
        c.settings().setWriteHook(id, BinaryDatum.wrap(StoredFunctions.encodeHook(func)));
        return ObjectDatum.of(existed ? "replaced" : "created", NumberDatum.of(1));
    }
}
