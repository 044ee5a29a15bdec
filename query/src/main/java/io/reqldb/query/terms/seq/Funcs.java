package io.reqldb.query.terms.seq;

import io.reqldb.datum.BoolDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.query.error.ReqlError;
import io.reqldb.query.error.ReqlNonExistenceError;
import io.reqldb.query.error.ReqlQueryLogicError;
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

    /** A function, or a datum used as a field name: {@code sum('a')}, {@code order_by('a')}. */
    public static UnaryOperator<Datum> fieldOrFunc(Object v) {
        if (v instanceof FuncValue f && !f.isConstant()) {
            return row -> f.call(row);
        }
        Datum key = v instanceof FuncValue f ? f.call() : Values.toDatum(v);
        return row -> Rows.bracket(row, key);
    }

    /** A predicate function, or a datum every matching element equals. */
    public static Predicate<Datum> equalityOrPredicate(Object v) {
        if (v instanceof FuncValue f && !f.isConstant()) {
            return row -> f.test(row);
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
                Datum d = f.call(row);
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

    /** Rethrows {@code e} unless it is a non-existence error. */
    public static void rethrowUnlessMissing(ReqlError e) {
        if (!(e instanceof ReqlNonExistenceError)) {
            throw e;
        }
    }
}
