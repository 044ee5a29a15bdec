package io.reqldb.query.terms.seq;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumPrinter;
import io.reqldb.datum.NullDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.error.ReqlNonExistenceError;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.eval.Values;
import java.util.Map;
import java.util.TreeMap;

/**
 * Field access on rows the way the sequence terms need it: the {@code row[key]} shortcut that
 * {@code sum('a')}, {@code order_by('a')} or {@code group('a')} build, object-pattern matching for
 * {@code filter({...})}, and the field selection of {@code with_fields}.
 */
public final class Rows {
    private Rows() {
    }

    /** {@code row[key]}, with RethinkDB's bracket errors. */
    public static Datum bracket(Datum row, Datum key) {
        return field(row, key, "bracket");
    }

    /**
     * A field-name shortcut ({@code order_by('a')}, {@code group('a')}, {@code eq_join('a', t)},
     * {@code sum('a')}): RethinkDB makes it a {@code get_field} and its errors say so.
     */
    public static Datum getField(Datum row, Datum key) {
        return field(row, key, "get_field");
    }

    private static Datum field(Datum row, Datum key, String operation) {
        if (row instanceof ObjectDatum o && o.type() == io.reqldb.datum.DatumType.OBJECT) {
            String k = ((StringDatum) Values.expect(key, io.reqldb.datum.DatumType.STRING)).value();
            Datum v = o.get(k);
            if (v == null) {
                throw new ReqlNonExistenceError("No attribute `" + k + "` in object:\n" + DatumPrinter.print(o));
            }
            return v;
        }
        if (row instanceof ArrayDatum a && key.type() == io.reqldb.datum.DatumType.NUMBER) {
            long i = Values.toLong(key);
            long real = i < 0 ? a.size() + i : i;
            if (real < 0 || real >= a.size()) {
                throw new ReqlNonExistenceError("Index out of bounds: " + i);
            }
            return a.get((int) real);
        }
        if (row instanceof ArrayDatum a && key instanceof StringDatum) {
            // r.row('a') on an array plucks the field from every element, skipping those without it.
            java.util.List<Datum> out = new java.util.ArrayList<>();
            for (Datum item : a.items()) {
                try {
                    out.add(field(item, key, operation));
                } catch (ReqlNonExistenceError e) {
                    // skipped, as RethinkDB's get_field over a sequence does
                }
            }
            return ArrayDatum.wrap(out);
        }
        String msg = "Cannot perform " + operation + " on a non-object non-sequence `" + DatumPrinter.truncated(row)
                + "`.";
        if (row == NullDatum.INSTANCE) {
            throw new ReqlNonExistenceError(msg);
        }
        throw new ReqlQueryLogicError(msg);
    }

    /**
     * RethinkDB's object-pattern match for {@code filter({...})}: every pattern field must exist in
     * the row (else a non-existence error) and be equal, nested objects matched recursively.
     */
    public static boolean matches(ObjectDatum pattern, Datum row) {
        if ("LITERAL".equals(pattern.reqlType())) {
            return pattern.get("value").equals(row);
        }
        for (Map.Entry<String, Datum> e : pattern.fields().entrySet()) {
            // RethinkDB reads the field with the row's object check: "Expected type OBJECT but found ...".
            Datum elt = ((ObjectDatum) Values.expect(row, io.reqldb.datum.DatumType.OBJECT)).get(e.getKey());
            if (elt == null) {
                throw new ReqlNonExistenceError("No attribute `" + e.getKey() + "` in object.");
            }
            if (e.getValue() instanceof ObjectDatum sub && sub.type() == io.reqldb.datum.DatumType.OBJECT
                    && elt instanceof ObjectDatum && elt.type() == io.reqldb.datum.DatumType.OBJECT) {
                if (!matches(sub, elt)) {
                    return false;
                }
            } else if (!elt.equals(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** "Cannot perform OP on a non-object non-sequence `v`." (non-existence for null, as RethinkDB types it). */
    public static RuntimeException nonObjectError(String op, Datum v) {
        String msg = "Cannot perform " + op + " on a non-object non-sequence `" + DatumPrinter.truncated(v) + "`.";
        return v == NullDatum.INSTANCE ? new ReqlNonExistenceError(msg) : new ReqlQueryLogicError(msg);
    }

    /** Whether {@code row} has every field the selector names (has_fields semantics, nested). */
    public static boolean hasFields(Datum row, Datum selector) {
        if (!(row instanceof ObjectDatum o) || row.type() != io.reqldb.datum.DatumType.OBJECT) {
            return false;
        }
        switch (selector.type()) {
            case STRING -> {
                Datum v = o.get(((StringDatum) selector).value());
                return v != null && v != NullDatum.INSTANCE;
            }
            case ARRAY -> {
                for (Datum s : ((ArrayDatum) selector).items()) {
                    if (!hasFields(row, s)) {
                        return false;
                    }
                }
                return true;
            }
            case OBJECT -> {
                for (Map.Entry<String, Datum> e : ((ObjectDatum) selector).fields().entrySet()) {
                    Datum v = o.get(e.getKey());
                    if (v == null || v == NullDatum.INSTANCE) {
                        return false;
                    }
                    Datum sub = e.getValue();
                    if (sub.type() == io.reqldb.datum.DatumType.BOOL) {
                        if (sub == io.reqldb.datum.BoolDatum.FALSE) {
                            return false;
                        }
                    } else if (!hasFields(v, sub)) {
                        return false;
                    }
                }
                return true;
            }
            default -> throw new ReqlQueryLogicError("Invalid path argument `" + DatumPrinter.truncated(selector) + "`.");
        }
    }

    /** The fields of {@code row} the selector names (pluck semantics, nested). */
    public static Datum pluck(Datum row, Datum selector) {
        if (!(row instanceof ObjectDatum o) || row.type() != io.reqldb.datum.DatumType.OBJECT) {
            if (row instanceof ArrayDatum a) {
                java.util.List<Datum> out = new java.util.ArrayList<>();
                for (Datum d : a.items()) {
                    out.add(pluck(d, selector));
                }
                return ArrayDatum.wrap(out);
            }
            return row;
        }
        TreeMap<String, Datum> out = ObjectDatum.newFieldMap();
        pluckInto(o, selector, out);
        return ObjectDatum.wrap(out);
    }

    private static void pluckInto(ObjectDatum o, Datum selector, TreeMap<String, Datum> out) {
        switch (selector.type()) {
            case STRING -> {
                String k = ((StringDatum) selector).value();
                Datum v = o.get(k);
                if (v != null) {
                    out.put(k, v);
                }
            }
            case ARRAY -> {
                for (Datum s : ((ArrayDatum) selector).items()) {
                    pluckInto(o, s, out);
                }
            }
            case OBJECT -> {
                for (Map.Entry<String, Datum> e : ((ObjectDatum) selector).fields().entrySet()) {
                    Datum v = o.get(e.getKey());
                    if (v == null) {
                        continue;
                    }
                    Datum sub = e.getValue();
                    if (sub.type() == io.reqldb.datum.DatumType.BOOL) {
                        if (sub == io.reqldb.datum.BoolDatum.TRUE) {
                            out.put(e.getKey(), v);
                        }
                    } else {
                        Datum picked = pluck(v, sub);
                        Datum prev = out.get(e.getKey());
                        out.put(e.getKey(), prev instanceof ObjectDatum po && picked instanceof ObjectDatum pn
                                ? merge(po, pn) : picked);
                    }
                }
            }
            default -> throw new ReqlQueryLogicError("Invalid path argument `" + DatumPrinter.truncated(selector) + "`.");
        }
    }

    private static ObjectDatum merge(ObjectDatum a, ObjectDatum b) {
        TreeMap<String, Datum> m = a.toMutableMap();
        m.putAll(b.fields());
        return ObjectDatum.wrap(m);
    }
}
