package io.reqldb.query.terms.datum;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumPrinter;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.TimeDatum;
import io.reqldb.query.error.ReqlNonExistenceError;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.Sequence;
import io.reqldb.query.eval.SingleSelection;
import io.reqldb.query.eval.TableValue;
import io.reqldb.query.eval.TransformedSequence;
import io.reqldb.query.eval.Values;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * RethinkDB's "object or sequence" polymorphism (obj_or_seq.cc): pluck, without, merge,
 * has_fields, get_field and bracket work on one object, or on each element of an array, table or
 * stream. Over a sequence they map (pluck, without, merge), filter (has_fields, keeping a
 * selection) or map skipping the elements that fail with a non-existence error (get_field).
 */
public final class ObjOrSeq {
    /** How the per-object operation is applied over a sequence. */
    public enum Poly { MAP, FILTER, SKIP_MAP }

    private ObjOrSeq() {
    }

    /**
     * Applies {@code op} to {@code v0}: directly when it is an object, element-wise when it is a
     * sequence. {@code name} is the term's name in error messages ("pluck", "bracket"...);
     * {@code ptypes} lists the pseudo-types the operation accepts (none for most).
     */
    public static Object apply(Env env, Object v0, String name, Poly poly, Set<String> ptypes,
                               UnaryOperator<Datum> op) {
        Datum d = v0 instanceof Datum dd ? dd : v0 instanceof SingleSelection s ? s.row() : null;
        if (d != null && isObject(d)) {
            return op.apply(checkPtype(d, name, ptypes));
        }
        if (d instanceof ArrayDatum || (d == null && (v0 instanceof Sequence || v0 instanceof TableValue))) {
            Sequence seq = Values.toSequence(v0);
            UnaryOperator<Datum> each = el -> element(el, name, ptypes, op);
            // bracket's key is a value computed once, so it looks at the row alone and may run on
            // any thread; the others evaluate arguments as they go (lazily, or once per row).
            boolean pure = name.equals("bracket");
            Sequence out = switch (poly) {
                case MAP -> TransformedSequence.map(seq, each, pure);
                case FILTER -> TransformedSequence.filter(seq, el -> Values.isTruthy(each.apply(el)), pure);
                case SKIP_MAP -> TransformedSequence.map(seq, el -> {
                    try {
                        return each.apply(el);
                    } catch (ReqlNonExistenceError missing) {
                        return null;
                    }
                }, pure);
            };
            if (d != null) {
                return Values.materialize(out, env.context().arrayLimit());
            }
            return out;
        }
        // RethinkDB blames the value itself (rfail_typed_target): the frame is the term's argument 0
        if (d != null) {
            throw Values.typedError(d, "Cannot perform " + name + " on a non-object non-sequence `"
                    + DatumPrinter.truncated(d) + "`.").addFrame(0);
        }
        String shown = v0 instanceof io.reqldb.query.eval.DbValue db ? "db(\"" + db.name() + "\")" : Values.typeOf(v0);
        throw new ReqlQueryLogicError("Cannot perform " + name + " on a non-object non-sequence `" + shown + "`.")
                .addFrame(0);
    }

    /** Objects in RethinkDB's sense: plain objects and the object-shaped pseudo-types. */
    public static boolean isObject(Datum d) {
        return d instanceof ObjectDatum || d instanceof TimeDatum;
    }

    /** The pseudo-type name of an object ("TIME", "GEOMETRY"), or null for a plain object. */
    public static String ptype(Datum d) {
        if (d instanceof TimeDatum) {
            return "TIME";
        }
        return d instanceof ObjectDatum o ? o.reqlType() : null;
    }

    private static Datum checkPtype(Datum d, String name, Set<String> ptypes) {
        String ptype = ptype(d);
        if (ptype != null && !ptypes.contains(ptype)) {
            throw new ReqlQueryLogicError("Cannot call `" + name + "` on objects of type `" + d.typeName() + "`.");
        }
        return d;
    }

    private static Datum element(Datum el, String name, Set<String> ptypes, UnaryOperator<Datum> op) {
        if (isObject(el)) {
            return op.apply(checkPtype(el, name, ptypes));
        }
        if (el instanceof ArrayDatum) {
            throw new ReqlQueryLogicError("Cannot perform " + name + " on a sequence of sequences.");
        }
        throw Values.typedError(el, "Cannot perform " + name + " on a non-object non-sequence `"
                + DatumPrinter.truncated(el) + "`.");
    }
}
