package io.reqldb.query.terms;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.BoolDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumPrinter;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.error.ReqlNonExistenceError;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.Values;
import io.reqldb.query.term.Term;
import io.reqldb.query.term.TermFamily;
import io.reqldb.query.term.TermRegistry;
import io.reqldb.query.term.TermType;
import io.reqldb.query.terms.datum.LiteralTerm;
import io.reqldb.query.terms.datum.MergeTerm;
import io.reqldb.query.terms.datum.Nth;
import io.reqldb.query.terms.datum.ObjOrSeq;
import io.reqldb.query.terms.datum.ObjOrSeq.Poly;
import io.reqldb.query.terms.datum.PathSpec;
import io.reqldb.query.terms.datum.PseudoTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Object terms: field access (GET_FIELD, BRACKET), PLUCK, WITHOUT, MERGE, LITERAL, HAS_FIELDS,
 * KEYS, VALUES, OBJECT. The path terms also work element-wise on arrays, tables and streams
 * ({@link ObjOrSeq}).
 */
public final class ObjectTerms implements TermFamily {
    @Override
    public void register(TermRegistry r) {
        r.term(TermType.GET_FIELD).args(2).body(ObjectTerms::getField);
        r.term(TermType.BRACKET).args(2).body(ObjectTerms::bracket);
        r.term(TermType.PLUCK).args(1, -1).body((t, env) -> {
            Supplier<PathSpec> paths = paths(t, env);
            return ObjOrSeq.apply(env, t.arg(env, 0), "pluck", Poly.MAP, Set.of(),
                    obj -> PathSpec.project(obj, paths.get(), false));
        });
        r.term(TermType.WITHOUT).args(1, -1).body((t, env) -> {
            Supplier<PathSpec> paths = paths(t, env);
            return ObjOrSeq.apply(env, t.arg(env, 0), "without", Poly.MAP, Set.of(),
                    obj -> PathSpec.unproject(obj, paths.get(), false));
        });
        r.term(TermType.HAS_FIELDS).args(1, -1).body((t, env) -> {
            Supplier<PathSpec> paths = paths(t, env);
            return ObjOrSeq.apply(env, t.arg(env, 0), "has_fields", Poly.FILTER, Set.of(),
                    obj -> BoolDatum.of(PathSpec.contains(obj, paths.get())));
        });
        r.term(TermType.MERGE).args(1, -1).factory(MergeTerm::new);
        r.term(TermType.LITERAL).args(0, 1).notGroupable().factory(LiteralTerm::new);
        r.term(TermType.KEYS).args(1).body((t, env) -> keysOrValues(t, env, "keys", true));
        r.term(TermType.VALUES).args(1).body((t, env) -> keysOrValues(t, env, "values", false));
        r.term(TermType.OBJECT).args(0, -1).body(ObjectTerms::object);
    }

    /**
     * The path arguments 1..n as one pathspec, read for each object as RethinkDB does (they may
     * depend on the row through r.args or functions), or once when they are all literals.
     */
    private static Supplier<PathSpec> paths(Term t, Env env) {
        boolean constant = true;
        for (int i = 1; i < t.argCount(); i++) {
            constant &= t.rawArg(i).isConstant();
        }
        Supplier<PathSpec> read = () -> {
            List<Datum> items = new ArrayList<>(t.argCount() - 1);
            for (int i = 1; i < t.argCount(); i++) {
                items.add(t.datumArg(env, i));
            }
            // RethinkDB gathers the paths into a checked array before reading them.
            if (items.size() > env.context().arrayLimit()) {
                throw Values.arrayLimit(env.context().arrayLimit());
            }
            return PathSpec.of(ArrayDatum.wrap(items));
        };
        if (!constant) {
            return read;
        }
        PathSpec[] cached = new PathSpec[1];
        return () -> cached[0] != null ? cached[0] : (cached[0] = read.get());
    }

    /** The field of an object: "No attribute `a` in object:" when missing. */
    public static Datum field(Datum obj, String key) {
        Datum v = ((ObjectDatum) obj).get(key);
        if (v == null) {
            throw new ReqlNonExistenceError("No attribute `" + key + "` in object:\n" + DatumPrinter.print(obj));
        }
        return v;
    }

    private static Object getField(Term t, Env env) {
        return ObjOrSeq.apply(env, t.arg(env, 0), "get_field", Poly.SKIP_MAP, Set.of(),
                obj -> field(obj, t.stringArg(env, 1)));
    }

    private static Object bracket(Term t, Env env) {
        Object v0 = t.arg(env, 0);
        Datum key = t.datumArg(env, 1);
        if (key instanceof StringDatum s) {
            return ObjOrSeq.apply(env, v0, "bracket", Poly.SKIP_MAP, Set.of(), obj -> field(obj, s.value()));
        }
        if (key.type() == io.reqldb.datum.DatumType.NUMBER) {
            long n = t.inArg(1, () -> Values.toLong(key));
            return Nth.of(t, v0, n);
        }
        throw Values.typedError(key, "Expected NUMBER or STRING as second argument to `bracket` but found "
                + key.typeName() + ".").addFrame(1);
    }

    private static Object keysOrValues(Term t, Env env, String name, boolean keys) {
        Datum d = t.datumArg(env, 0);
        if (!(d instanceof ObjectDatum o) || o.reqlType() != null) {
            // RethinkDB checks the value as the argument's, so the frame is the argument's
            throw new ReqlQueryLogicError("Cannot call `" + name + "` on objects of type `" + d.typeName() + "`.")
                    .addFrame(0);
        }
        int limit = env.context().arrayLimit();
        if (o.size() > limit) {
            throw Values.arrayLimit(limit);
        }
        List<Datum> out = new ArrayList<>(o.size());
        for (Map.Entry<String, Datum> e : o.fields().entrySet()) {
            out.add(keys ? new StringDatum(e.getKey()) : e.getValue());
        }
        return ArrayDatum.wrap(out);
    }

    private static Object object(Term t, Env env) {
        int n = t.argCount();
        if (n % 2 != 0) {
            throw new ReqlQueryLogicError("OBJECT expects an even number of arguments (but found " + n + ").");
        }
        TreeMap<String, Datum> fields = ObjectDatum.newFieldMap();
        for (int i = 0; i < n; i += 2) {
            String key = t.stringArg(env, i);
            Datum value = t.datumArg(env, i + 1);
            Datum old = fields.put(key, value);
            if (old != null) {
                throw new ReqlQueryLogicError("Duplicate key " + DatumPrinter.print(new StringDatum(key))
                        + " in object.  (got " + DatumPrinter.truncated(old) + " and "
                        + DatumPrinter.truncated(value) + " as values)");
            }
        }
        return PseudoTypes.build(fields);
    }
}
