package io.reqldb.query.terms.seq;

import io.reqldb.datum.BoolDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.query.error.ReqlError;
import io.reqldb.query.error.ReqlNonExistenceError;
import io.reqldb.query.eval.FuncValue;
import io.reqldb.query.eval.Values;
import io.reqldb.query.term.TermType;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The ways a sequence term turns its argument into a per-row function, mirroring RethinkDB's
 * shortcuts: a field name becomes {@code row[name]} (GET_FIELD_SHORTCUT), a datum becomes an
 * equality test (count, offsets_of, contains), and a filter predicate may be an object pattern.
 */
public final class Funcs {
    private Funcs() {
    }

    /**
     * Argument {@code i} as a function, refusing a datum (RethinkDB's NO_SHORTCUT: {@code map(1)}
     * is "Expected type FUNCTION but found DATUM").
     */
    public static FuncValue strict(io.reqldb.query.term.Term t, io.reqldb.query.eval.Env env, int i) {
        Object v = t.arg(env, i);
        if (v instanceof FuncValue f && !f.isConstant()) {
            return f;
        }
        throw Values.typeError("FUNCTION", v).addFrame(i);
    }

    /** An optarg as a function, refusing a datum. */
    public static FuncValue strictOptarg(io.reqldb.query.term.Term t, String name, Object v) {
        if (v instanceof FuncValue f && !f.isConstant()) {
            return f;
        }
        throw Values.typeError("FUNCTION", v).addFrame(name);
    }

    /**
     * Calls {@code f} where RethinkDB wants a datum back: arrays (also array streams) are fine, a
     * table, selection or stream is "Expected type DATUM but found SEQUENCE" (sub-queries need
     * {@code coerce_to('array')}, as in RethinkDB).
     */
    public static Datum call(FuncValue f, Datum... args) {
        return f.call(args);
    }

    /** {@link #call} as a predicate (RethinkDB's truthiness). */
    public static boolean test(FuncValue f, Datum... args) {
        return Values.isTruthy(call(f, args));
    }

    /** A function's result as a datum, refusing lazy streams and tables. */
    public static Datum datumResult(Object v) {
        return datumResult(v, Integer.MAX_VALUE);
    }

    /** {@link #datumResult(Object)} reading an array stream within {@code limit} elements (as_array). */
    public static Datum datumResult(Object v, int limit) {
        return Values.functionResult(v, limit);
    }

    /** A whole table (RethinkDB's as_table: a slice is "Expected type TABLE but found TABLE_SLICE"). */
    public static io.reqldb.query.eval.TableValue wholeTable(Object v) {
        if (v instanceof io.reqldb.query.eval.TableValue tv && !tv.isSlice()) {
            return tv;
        }
        throw Values.typeError("TABLE", v);
    }

    /** A function, or a datum used as a field name: {@code sum('a')}, {@code order_by('a')}. */
    public static UnaryOperator<Datum> fieldOrFunc(Object v) {
        if (v instanceof FuncValue f && !f.isConstant()) {
            return row -> call(f, row);
        }
        Datum key = v instanceof FuncValue f ? f.call() : Values.toDatum(v);
        return row -> Rows.getField(row, key);
    }

    /** A predicate function, or a datum every matching element equals. */
    public static Predicate<Datum> equalityOrPredicate(Object v) {
        if (v instanceof FuncValue f && !f.isConstant()) {
            return row -> test(f, row);
        }
        Datum value = v instanceof FuncValue f ? f.call() : Values.toDatum(v);
        return value::equals;
    }

    /**
     * {@code filter}'s test of one row: object results of literal bodies are patterns; a
     * non-existence error makes the row fail (or takes {@code defaultValue}, when given).
     */
    public static Predicate<Datum> filterPredicate(FuncValue f, Supplier<Datum> defaultValue) {
        boolean literalBody = f.isConstant() || (f.body() != null
                && (f.body().type() == TermType.MAKE_OBJ || f.body().type() == TermType.DATUM));
        return row -> {
            try {
                Datum d = call(f, row);
                if (literalBody && d instanceof ObjectDatum o && d.type() == io.reqldb.datum.DatumType.OBJECT) {
                    return Rows.matches(o, row);
                }
                return Values.isTruthy(d);
            } catch (ReqlNonExistenceError e) {
                if (defaultValue == null) {
                    return false;
                }
                Datum dv;
                try {
                    dv = defaultValue.get();
                } catch (ReqlError inner) {
                    // r.error() with no message (RethinkDB's EMPTY_USER) re-raises the original error.
                    if ("Empty ERROR term outside a default block.".equals(inner.getMessage())
                            || (inner instanceof io.reqldb.query.error.ReqlUserError && inner.getMessage().isEmpty())) {
                        throw e;
                    }
                    throw inner;
                }
                return Values.isTruthy(dv);
            }
        };
    }

    /** Calls {@code f}, turning a missing-field error into Java null (skip the row). */
    public static Datum orSkip(UnaryOperator<Datum> f, Datum row) {
        try {
            return f.apply(row);
        } catch (ReqlNonExistenceError e) {
            return null;
        }
    }

    /** RethinkDB's truthiness of a bool result ({@code as_bool}). */
    public static boolean truthy(Datum d) {
        return d != BoolDatum.FALSE && d != io.reqldb.datum.NullDatum.INSTANCE;
    }
}
