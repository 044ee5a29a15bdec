package io.reqldb.query.term;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.query.error.ReqlError;
import io.reqldb.query.eval.Env;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * An object literal of plain data that holds arrays ({@code [2, [...]]} on the wire), such as
 * each document of an insert batch, taken as its value straight from the parsed query instead of
 * being compiled field by field and rebuilt at every evaluation. It is not a constant as
 * {@link DatumTerm} is: building an array checks it against the query's {@code array_limit} and
 * memory budget, which are only known when it runs. So evaluation checks them on the value, and
 * when either refuses, compiles and evaluates the literal as written, which raises the error from
 * the array RethinkDB would blame.
 */
final class PrebuiltTerm extends Term {
    private static final Term[] NO_ARGS = new Term[0];
    private static final double MAKE_ARRAY = TermType.MAKE_ARRAY.number();

    private final Datum value;
    /** The length of the longest array inside {@link #value}. */
    private final int longestArray;
    /** The outermost arrays inside {@link #value}: the others are inside them, so smaller. */
    private final List<ArrayDatum> arrays;
    private final Supplier<Term> compiled;

    private PrebuiltTerm(Datum value, int longestArray, List<ArrayDatum> arrays, Supplier<Term> compiled) {
        super(TermType.MAKE_OBJ, NO_ARGS, Map.of());
        this.value = value;
        this.longestArray = longestArray;
        this.arrays = arrays;
        this.compiled = compiled;
    }

    /**
     * The term for object literal {@code raw} when it is plain data (no term but MAKE_ARRAY, no
     * {@code $reql_type$}): a {@link DatumTerm} when it holds no array, else a prebuilt one whose
     * fallback is {@code compiled}. Java null for any other object.
     */
    static Term of(ObjectDatum raw, Supplier<Term> compiled) {
        Found found = new Found();
        Datum value = object(raw, found);
        if (value == null) {
            return null;
        }
        return found.arrays.isEmpty() ? new DatumTerm(value) : new PrebuiltTerm(value, found.longest, found.arrays, compiled);
    }

    /** What the walk met: the outermost arrays and the longest array. */
    private static final class Found {
        final List<ArrayDatum> arrays = new ArrayList<>();
        int longest;
    }

    private static Datum object(ObjectDatum raw, Found found) {
        Map<String, Datum> fields = raw.fields();
        if (fields.containsKey(ObjectDatum.REQL_TYPE)) {
            return null;
        }
        String[] keys = null;
        Datum[] values = null;
        int i = 0;
        for (Map.Entry<String, Datum> e : fields.entrySet()) {
            Datum v = value(e.getValue(), found);
            if (v == null) {
                return null;
            }
            if (v != e.getValue() && keys == null) {
                keys = new String[fields.size()];
                values = new Datum[fields.size()];
                int j = 0;
                for (Map.Entry<String, Datum> before : fields.entrySet()) {
                    if (j == i) {
                        break;
                    }
                    keys[j] = before.getKey();
                    values[j++] = before.getValue();
                }
            }
            if (keys != null) {
                keys[i] = e.getKey();
                values[i] = v;
            }
            i++;
        }
        // Unchanged (no arrays inside), the parsed object is the value; else the same keys, in
        // the same order, with the arrays' values.
        return keys == null ? raw : ObjectDatum.ofSorted(keys, values, keys.length);
    }

    /** The value of a plain-data part of a literal, Java null when it is not plain data. */
    private static Datum value(Datum raw, Found found) {
        if (raw instanceof ObjectDatum o) {
            return object(o, found);
        }
        if (raw instanceof ArrayDatum term) {
            if (term.size() != 2 || !(term.get(0) instanceof NumberDatum n) || n.value() != MAKE_ARRAY
                    || !(term.get(1) instanceof ArrayDatum items)) {
                return null;
            }
            Found inner = new Found();
            List<Datum> out = null;
            for (int i = 0; i < items.size(); i++) {
                Datum v = value(items.get(i), inner);
                if (v == null) {
                    return null;
                }
                if (v != items.get(i) && out == null) {
                    out = new ArrayList<>(items.items().subList(0, i));
                }
                if (out != null) {
                    out.add(v);
                }
            }
            ArrayDatum array = out == null ? items : ArrayDatum.wrap(out);
            found.arrays.add(array);
            found.longest = Math.max(found.longest, Math.max(items.size(), inner.longest));
            return array;
        }
        return raw;
    }

    @Override
    public Object eval(Env env) {
        if (longestArray <= env.context().arrayLimit()) {
            try {
                for (ArrayDatum a : arrays) {
                    env.context().control().checkFits(a);
                }
                return value;
            } catch (ReqlError tooLarge) {
                // Raised again below, by the array that was built first and failed.
            }
        }
        return compiled.get().eval(env);
    }
}
