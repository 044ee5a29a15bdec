package io.reqldb.query.terms.index;

import io.reqldb.datum.BinaryDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.error.ReqlOpFailedError;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.FuncValue;
import io.reqldb.query.eval.TableRef;
import io.reqldb.query.eval.Values;
import io.reqldb.query.term.Term;
import io.reqldb.query.term.TermType;
import io.reqldb.query.terms.admin.TableArgs;
import io.reqldb.query.terms.write.Determinism;
import io.reqldb.storage.IndexDefinition;
import io.reqldb.storage.IndexFunction;
import io.reqldb.storage.StorageException;
import java.util.List;

/** {@code index_create}: from a field name, a function, or a blob from {@code index_status}. */
public final class IndexCreate {
    /** RethinkDB's internal variable for the implicit {@code row(name)} function (printed {@code _var19}). */
    private static final long SINDEX_CREATE_VAR = -19;
    /** The index-rules version written into IndexDefinition: always the current one (never outdated). */
    public static final int FORMAT_VERSION = IndexDefinition.CURRENT_FORMAT_VERSION;

    private IndexCreate() {
    }

    public static Object eval(Term t, Env env) {
        TableRef table = TableArgs.table(t, env, 0);
        String name = t.stringArg(env, 1);
        if (TableArgs.isSystem(table)) {
            throw new ReqlOpFailedError("Database `rethinkdb` is special; you can't create secondary indexes on "
                    + "the tables in it.");
        }
        io.reqldb.query.terms.admin.Permissions.require(env, "config", table);
        if (name.equals(table.primaryKey())) {
            throw new ReqlQueryLogicError("Index name conflict: `" + name + "` is the name of the primary key.");
        }
        StoredFunctions.Func func;
        Boolean multi = null;
        Boolean geo = null;
        if (t.argCount() == 3) {
            Object v = t.arg(env, 2);
            if (v instanceof BinaryDatum blob) {
                StoredFunctions.IndexFunc decoded = t.inArg(2, () -> StoredFunctions.decodeIndex(blob.bytes()));
                func = decoded.func();
                multi = decoded.multi();
                geo = decoded.geo();
            } else {
                FuncValue f = t.inArg(2, () -> {
                    if (v instanceof FuncValue fv) {
                        return fv;
                    }
                    throw Values.typeError("FUNCTION", v);
                });
                func = fromFuncValue(f);
            }
        } else {
            RawTerm row = new RawTerm(TermType.VAR.number(), List.of(RawTerm.datum(NumberDatum.of(SINDEX_CREATE_VAR))),
                    java.util.Map.of(), null);
            RawTerm body = new RawTerm(TermType.GET_FIELD.number(),
                    List.of(row, RawTerm.datum(new StringDatum(name))), java.util.Map.of(), null);
            func = new StoredFunctions.Func(new long[] {SINDEX_CREATE_VAR}, body);
        }
        Term compiled = env.context().compiler().compile(func.toWire());
        if (!Determinism.isDeterministic(compiled, false)) {
            throw new ReqlQueryLogicError("Could not prove function deterministic.  "
                    + "Index functions must be deterministic.");
        }
        if (t.hasOptarg(env, "multi")) {
            multi = t.optargBool(env, "multi", false);
        }
        if (t.hasOptarg(env, "geo")) {
            geo = t.optargBool(env, "geo", false);
        }
        boolean m = multi != null && multi;
        boolean g = geo != null && geo;
        byte[] blob = StoredFunctions.encodeIndex(func, m, g);
        IndexFunction fn = TableArgs.catalog(env).indexCompiler().compile(func, m, g);
        try {
            table.storage().createIndex(new IndexDefinition(name, blob, m, g, FORMAT_VERSION), fn);
        } catch (StorageException e) {
            if (e.code() == StorageException.Code.INDEX_EXISTS) {
                throw new ReqlOpFailedError("Index `" + name + "` already exists on table `"
                        + table.qualifiedName() + "`.");
            }
            throw table.translate(e, name);
        }
        return ObjectDatum.of("created", NumberDatum.of(1));
    }

    /**
     * The stored form of a function value: its wire source, with variables it captured from
     * enclosing functions replaced by their values (RethinkDB serializes them as a captured scope).
     */
    public static StoredFunctions.Func fromFuncValue(FuncValue f) {
        if (f.source() == null) {
            if (f.isConstant()) {
                return new StoredFunctions.Func(new long[] {1}, RawTerm.datum(f.constantValue()));
            }
            throw new ReqlQueryLogicError("Cannot store this function.");
        }
        StoredFunctions.Func raw = StoredFunctions.Func.fromWire(f.source());
        java.util.Set<Long> bound = new java.util.HashSet<>();
        for (long p : raw.params()) {
            bound.add(p);
        }
        return new StoredFunctions.Func(raw.params(), substitute(raw.body(), bound, f.closure()));
    }

    private static RawTerm substitute(RawTerm t, java.util.Set<Long> bound, Env closure) {
        if (t.type() == TermType.VAR.number() && t.args().size() == 1 && t.args().get(0).datum() instanceof NumberDatum n
                && !bound.contains((long) n.value())) {
            try {
                Datum value = closure.var((int) n.value());
                return RawTerm.datum(value);
            } catch (RuntimeException e) {
                return t;
            }
        }
        if (t.type() == RawTerm.DATUM) {
            return t;
        }
        java.util.Set<Long> inner = bound;
        if (t.type() == TermType.FUNC.number() && !t.args().isEmpty()) {
            inner = new java.util.HashSet<>(bound);
            RawTerm vars = t.args().get(0);
            for (RawTerm v : vars.args()) {
                if (v.datum() instanceof NumberDatum p) {
                    inner.add((long) p.value());
                }
            }
            if (vars.datum() instanceof io.reqldb.datum.ArrayDatum a) {
                for (Datum p : a.items()) {
                    inner.add((long) ((NumberDatum) p).value());
                }
            }
        }
        java.util.List<RawTerm> args = new java.util.ArrayList<>();
        for (RawTerm a : t.args()) {
            args.add(substitute(a, inner, closure));
        }
        java.util.Map<String, RawTerm> optargs = new java.util.LinkedHashMap<>();
        for (java.util.Map.Entry<String, RawTerm> e : t.optargs().entrySet()) {
            optargs.put(e.getKey(), substitute(e.getValue(), inner, closure));
        }
        return new RawTerm(t.type(), args, optargs, null);
    }

}
