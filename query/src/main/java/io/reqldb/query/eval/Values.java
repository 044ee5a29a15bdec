package io.reqldb.query.eval;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.BoolDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumPrinter;
import io.reqldb.datum.DatumType;
import io.reqldb.datum.NullDatum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.query.error.ReqlNonExistenceError;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.error.ReqlResourceLimitError;
import io.reqldb.query.limits.QueryControl;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Conversions between the kinds of values terms produce, with RethinkDB's exact type errors. The
 * value kinds are: {@link Datum}, {@link Sequence}, {@link TableValue}, {@link SingleSelection},
 * {@link DbValue}, {@link FuncValue} and {@link GroupedData}.
 */
public final class Values {
    private static final double MAX_SAFE = 9007199254740992.0;

    private Values() {
    }

    /** The value as a datum: a single selection gives its row; anything else is a type error. */
    public static Datum toDatum(Object v) {
        if (v instanceof Datum d) {
            return d;
        }
        if (v instanceof SingleSelection s) {
            return s.row();
        }
        throw typeError("DATUM", v);
    }

    /** Like {@link #toDatum}, but sequences are read into an array (group values). */
    public static Datum toDatumMaterialized(Object v) {
        return toDatumMaterialized(v, Integer.MAX_VALUE);
    }

    /** Like {@link #toDatumMaterialized(Object)}, failing past {@code limit} elements (function results). */
    public static Datum toDatumMaterialized(Object v, int limit) {
        if (v instanceof Sequence s) {
            return materialize(s, limit);
        }
        if (v instanceof TableValue t) {
            return materialize(t.scan(), limit);
        }
        if (v instanceof GroupedData g) {
            return GroupedFormat.toDatum(g);
        }
        return toDatum(v);
    }

    /**
     * A function's result where RethinkDB wants a datum ({@code val_t::as_datum}): an array
     * stream, which RethinkDB's {@code val_t} turns back into the array it stands for, is read
     * within {@code limit} elements; a table, selection or lazy stream is "Expected type DATUM
     * but found TABLE" (SELECTION, SEQUENCE), as RethinkDB refuses them.
     */
    public static Datum functionResult(Object v, int limit) {
        if (v instanceof Sequence s && s.isArray() && s.table() == null) {
            return materialize(s, limit);
        }
        if (v instanceof GroupedData g) {
            return GroupedFormat.toDatum(g);
        }
        return toDatum(v);
    }

    /** Reads a whole sequence into an array, failing past {@code limit} elements. */
    public static ArrayDatum materialize(Sequence s, int limit) {
        if (s.isInfinite()) {
            s.close();
            throw infiniteError(s);
        }
        List<Datum> out = new ArrayList<>();
        QueryControl control = QueryControl.current();
        try (s; QueryControl.Buffer held = control.buffer()) {
            for (Datum next = s.next(); next != null; next = s.next()) {
                if (out.size() >= limit) {
                    throw arrayLimit(limit);
                }
                Datum d = QueryControl.heldForm(next);
                held.add(control.sizeOf(d));
                out.add(d);
            }
            held.keep();
        }
        return ArrayDatum.wrap(out);
    }

    /** The error for a terminal operation on an endless stream: changefeeds word it their own way. */
    public static ReqlQueryLogicError infiniteError(Sequence s) {
        return s.isFeed() ? changefeedTerminal() : infiniteStream();
    }

    /** RethinkDB's error for aggregating or coercing an endless stream. */
    public static ReqlQueryLogicError infiniteStream() {
        return new ReqlQueryLogicError("Cannot use an infinite stream with an aggregation function "
                + "(`reduce`, `count`, etc.) or coerce it to an array.");
    }

    /** RethinkDB's error for a terminal applied to a changefeed. */
    public static ReqlQueryLogicError changefeedTerminal() {
        return new ReqlQueryLogicError("Cannot call a terminal (`reduce`, `count`, etc.) on an "
                + "infinite stream (such as a changefeed).");
    }

    /**
     * Checks every array in {@code d}, however deep, against the array limit: RethinkDB builds the
     * values it reads from text ({@code r.json}, {@code r.http} bodies, {@code r.js} results)
     * through checked array builders. Walked with a work list, as parsed JSON may nest deeply.
     */
    public static void checkArraysWithin(Datum d, int limit) {
        ArrayDeque<Datum> pending = new ArrayDeque<>();
        pending.push(d);
        while (!pending.isEmpty()) {
            Datum next = pending.pop();
            if (next instanceof ArrayDatum a) {
                if (a.size() > limit) {
                    throw arrayLimit(limit);
                }
                for (Datum item : a.items()) {
                    pending.push(item);
                }
            } else if (next instanceof ObjectDatum o) {
                for (Datum value : o.fields().values()) {
                    pending.push(value);
                }
            }
        }
    }

    public static ReqlResourceLimitError arrayLimit(long limit) {
        return new ReqlResourceLimitError("Array over size limit `" + limit + "`.  To raise the number "
                + "of allowed elements, modify the `array_limit` option to `.run` "
                + "(not available in the Data Explorer), or use an index.");
    }

    /** The value as a sequence; arrays become array sequences, tables full scans. */
    public static Sequence toSequence(Object v) {
        if (v instanceof Sequence s) {
            return s;
        }
        if (v instanceof TableValue t) {
            return t.scan();
        }
        if (v instanceof Datum d) {
            if (d instanceof ArrayDatum a) {
                return new ArraySequence(a);
            }
            throw new ReqlQueryLogicError("Cannot convert " + d.typeName() + " to SEQUENCE");
        }
        throw typeError("SEQUENCE", v);
    }

    /** The value as a function; a datum becomes a function returning it. */
    public static FuncValue toFunc(Object v) {
        if (v instanceof FuncValue f) {
            return f;
        }
        if (v instanceof Datum d) {
            return FuncValue.constant(d);
        }
        throw typeError("FUNCTION", v);
    }

    public static TableValue toTable(Object v) {
        if (v instanceof TableValue t) {
            return t;
        }
        throw typeError("TABLE", v);
    }

    public static DbValue toDb(Object v) {
        if (v instanceof DbValue d) {
            return d;
        }
        throw typeError("DATABASE", v);
    }

    /** Checks a datum's type: "Expected type NUMBER but found STRING." */
    public static Datum expect(Datum d, DatumType expected) {
        if (d.type() != expected) {
            throw typedError(d, "Expected type " + expected.displayName() + " but found "
                    + d.typeName() + ".");
        }
        return d;
    }

    /**
     * An error about a datum's type or shape: RethinkDB makes it a non-existence error when the
     * datum is null (so {@code default} catches it), a logic error otherwise.
     */
    public static ReqlQueryLogicError typedError(Datum d, String message) {
        return d == NullDatum.INSTANCE ? new ReqlNonExistenceError(message) : new ReqlQueryLogicError(message);
    }

    /** A double as C's {@code %.20g} prints it (RethinkDB's PR_RECONSTRUCTABLE_DOUBLE): 1.5, 0.10000000000000000555, inf. */
    public static String formatG20(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return 1 / v < 0 ? "-0" : "0";
        }
        java.math.BigDecimal r = new java.math.BigDecimal(v).round(new java.math.MathContext(20, java.math.RoundingMode.HALF_EVEN));
        int exp = r.precision() - r.scale() - 1;
        if (exp < -4 || exp >= 20) {
            String digits = r.unscaledValue().abs().toString().replaceAll("0+$", "");
            StringBuilder out = new StringBuilder(v < 0 ? "-" : "");
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append('e').append(exp < 0 ? '-' : '+');
            int a = Math.abs(exp);
            out.append(a < 10 ? "0" : "").append(a);
            return out.toString();
        }
        String plain = r.toPlainString();
        if (plain.indexOf('.') >= 0) {
            plain = plain.replaceAll("0+$", "");
            if (plain.endsWith(".")) {
                plain = plain.substring(0, plain.length() - 1);
            }
        }
        return plain;
    }

    public static double toNumber(Datum d) {
        return ((NumberDatum) expect(d, DatumType.NUMBER)).value();
    }

    /** An integer: RethinkDB's "Number not an integer" and range rules. */
    public static long toLong(Datum d) {
        double v = toNumber(d);
        if (v < -MAX_SAFE) {
            throw new ReqlQueryLogicError("Number not an integer (<-2^53): " + formatG20(v));
        }
        if (v > MAX_SAFE) {
            throw new ReqlQueryLogicError("Number not an integer (>2^53): " + formatG20(v));
        }
        if (v != Math.rint(v)) {
            throw new ReqlQueryLogicError("Number not an integer: " + formatG20(v));
        }
        return (long) v;
    }

    /** RethinkDB's truthiness: everything but false and null is true. */
    public static boolean isTruthy(Datum d) {
        return !(d == NullDatum.INSTANCE || d == BoolDatum.FALSE);
    }

    /** The name {@code type_of} reports for any value. */
    public static String typeOf(Object v) {
        if (v instanceof Datum d) {
            return d.typeName();
        }
        if (v instanceof SingleSelection) {
            return "SELECTION<OBJECT>";
        }
        if (v instanceof TableValue t) {
            return t.isSlice() ? "TABLE_SLICE" : "TABLE";
        }
        if (v instanceof Sequence s) {
            if (s.table() != null) {
                return s.isArray() ? "SELECTION<ARRAY>" : "SELECTION<STREAM>";
            }
            return "STREAM";
        }
        if (v instanceof DbValue) {
            return "DB";
        }
        if (v instanceof FuncValue) {
            return "FUNCTION";
        }
        if (v instanceof GroupedData g) {
            return g.isStream() ? "GROUPED_STREAM" : "GROUPED_DATA";
        }
        throw new IllegalArgumentException("not a value: " + v);
    }

    /** The kind name used in "Expected type X but found Y:" errors. */
    static String kindName(Object v) {
        if (v instanceof Datum) {
            return "DATUM";
        }
        if (v instanceof SingleSelection) {
            return "SINGLE_SELECTION";
        }
        if (v instanceof TableValue t) {
            return t.isSlice() ? "TABLE_SLICE" : "TABLE";
        }
        if (v instanceof Sequence s) {
            return s.table() != null ? "SELECTION" : "SEQUENCE";
        }
        if (v instanceof DbValue) {
            return "DATABASE";
        }
        if (v instanceof FuncValue) {
            return "FUNCTION";
        }
        return "GROUPED_DATA";
    }

    private static String describe(Object v) {
        if (v instanceof Datum d) {
            return DatumPrinter.print(d);
        }
        if (v instanceof DbValue db) {
            return "db(\"" + db.name() + "\")";
        }
        if (v instanceof TableValue t) {
            // A slice (between, order_by with an index) is a selection to RethinkDB's printer.
            return t.isSlice() ? "SELECTION ON table(" + t.ref().name() + ")" : "table(\"" + t.ref().name() + "\")";
        }
        if (v instanceof Sequence s && s.table() != null) {
            return "SELECTION ON table(" + s.table().name() + ")";
        }
        return "VALUE " + kindName(v);
    }

    /** RethinkDB's error for a value of the wrong kind: "Expected type DATUM but found TABLE:\ntable(\"t\")". */
    public static ReqlQueryLogicError typeError(String expected, Object v) {
        return new ReqlQueryLogicError("Expected type " + expected + " but found " + kindName(v) + ":\n" + describe(v));
    }
}
