package io.reqldb.query.terms.write;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumType;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.query.error.ReqlQueryLogicError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** RethinkDB's object merge as {@code update} applies it, honouring {@code r.literal}. */
public final class Merge {
    private static final String LITERAL = "LITERAL";

    private Merge() {
    }

    /** {@code left.merge(right)}: right's fields win, nested objects merge, literals replace. */
    public static Datum merge(Datum left, Datum right) {
        if (!(right instanceof ObjectDatum r) || isLiteral(right) || right.type() != DatumType.OBJECT) {
            return dropLiterals(unwrapLiteral(right));
        }
        if (!(left instanceof ObjectDatum l) || left.type() != DatumType.OBJECT || l.reqlType() != null) {
            return dropLiterals(right);
        }
        TreeMap<String, Datum> out = l.toMutableMap();
        for (Map.Entry<String, Datum> e : r.fields().entrySet()) {
            Datum v = e.getValue();
            if (isLiteral(v)) {
                Datum inner = ((ObjectDatum) v).get("value");
                if (inner == null) {
                    out.remove(e.getKey());
                } else {
                    out.put(e.getKey(), dropLiterals(inner));
                }
            } else if (out.containsKey(e.getKey())) {
                out.put(e.getKey(), merge(out.get(e.getKey()), v));
            } else {
                out.put(e.getKey(), dropLiterals(v));
            }
        }
        return ObjectDatum.wrap(out);
    }

    private static Datum unwrapLiteral(Datum d) {
        if (isLiteral(d)) {
            Datum inner = ((ObjectDatum) d).get("value");
            return inner == null ? io.reqldb.datum.NullDatum.INSTANCE : inner;
        }
        return d;
    }

    static boolean isLiteral(Datum d) {
        return d instanceof ObjectDatum o && LITERAL.equals(o.reqlType());
    }

    /** Checks that no literal is left inside a value about to be stored. */
    public static Datum dropLiterals(Datum d) {
        if (d instanceof ObjectDatum o) {
            if (isLiteral(o)) {
                throw new ReqlQueryLogicError("Stray literal keyword found: literal is only legal inside of "
                        + "the object passed to merge or update and cannot nest inside other literals.");
            }
            boolean changed = false;
            TreeMap<String, Datum> out = ObjectDatum.newFieldMap();
            for (Map.Entry<String, Datum> e : o.fields().entrySet()) {
                Datum v = dropLiterals(e.getValue());
                changed |= v != e.getValue();
                out.put(e.getKey(), v);
            }
            return changed ? ObjectDatum.wrap(out) : o;
        }
        if (d instanceof ArrayDatum a) {
            List<Datum> out = new ArrayList<>(a.size());
            for (Datum item : a.items()) {
                out.add(dropLiterals(item));
            }
            return ArrayDatum.wrap(out);
        }
        return d;
    }
}
