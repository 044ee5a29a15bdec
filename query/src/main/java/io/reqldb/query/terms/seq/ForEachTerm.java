package io.reqldb.query.terms.seq;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumPrinter;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.error.ReqlError;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.FuncValue;
import io.reqldb.query.eval.Sequence;
import io.reqldb.query.eval.Values;
import io.reqldb.query.term.Term;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code seq.for_each(f)}: runs the write query {@code f} returns for each element and merges the
 * write results: counters add up, arrays ({@code changes}) concatenate up to the array limit
 * (with a warning past it), strings ({@code first_error}) keep the first one.
 */
public final class ForEachTerm {
    private static final String FAIL = "FOR_EACH expects one or more basic write queries.";

    private ForEachTerm() {
    }

    public static Object eval(Term t, Env env) {
        // a value that is no sequence is FOR_EACH's own error in RethinkDB (no frame into the argument)
        Sequence seq = Values.toSequence(t.arg(env, 0));
        if (seq.isInfinite()) {
            throw Values.infiniteError(seq);
        }
        FuncValue f = t.funcArg(env, 1);
        int limit = env.context().arrayLimit();
        TreeMap<String, Datum> stats = ObjectDatum.newFieldMap();
        Set<String> warnings = new LinkedHashSet<>();
        try (seq) {
            for (Datum d0 = seq.next(); d0 != null; d0 = seq.next()) {
                Datum row = d0;
                Object v = t.inArg(1, () -> f.callValue(row));
                Datum d;
                try {
                    d = Values.toDatum(v);
                } catch (ReqlError e) {
                    throw new ReqlQueryLogicError(FAIL);
                }
                if (d instanceof ObjectDatum o && d.type() == io.reqldb.datum.DatumType.OBJECT) {
                    merge(stats, o, limit, warnings);
                } else if (d instanceof ArrayDatum a) {
                    for (Datum item : a.items()) {
                        if (!(item instanceof ObjectDatum o) || item.type() != io.reqldb.datum.DatumType.OBJECT) {
                            throw new ReqlQueryLogicError(FAIL + "  Expected type OBJECT but found "
                                    + item.typeName() + ".");
                        }
                        merge(stats, o, limit, warnings);
                    }
                } else {
                    throw new ReqlQueryLogicError(FAIL + "  Expected type ARRAY but found " + d.typeName() + ".");
                }
            }
        }
        if (!warnings.isEmpty()) {
            List<Datum> w = new ArrayList<>();
            Datum existing = stats.get("warnings");
            if (existing instanceof ArrayDatum a) {
                if (a.size() + warnings.size() > limit) {
                    throw io.reqldb.query.terms.write.WriteStats.tooManyWarnings(limit);
                }
                w.addAll(a.items());
            }
            for (String s : warnings) {
                StringDatum sd = new StringDatum(s);
                if (!w.contains(sd)) {
                    w.add(sd);
                }
            }
            stats.put("warnings", ArrayDatum.wrap(w));
        }
        return ObjectDatum.wrap(stats);
    }

    private static void merge(TreeMap<String, Datum> stats, ObjectDatum add, int limit, Set<String> warnings) {
        for (Map.Entry<String, Datum> e : add.fields().entrySet()) {
            Datum l = stats.get(e.getKey());
            stats.put(e.getKey(), l == null ? e.getValue() : mergeValue(l, e.getValue(), limit, warnings));
        }
    }

    private static Datum mergeValue(Datum l, Datum r, int limit, Set<String> warnings) {
        if (l instanceof NumberDatum a && r instanceof NumberDatum b) {
            return NumberDatum.of(a.value() + b.value());
        }
        if (l instanceof ArrayDatum a && r instanceof ArrayDatum b) {
            List<Datum> out = new ArrayList<>(a.items());
            out.addAll(b.items());
            if (out.size() > limit) {
                warnings.add("Too many changes, array truncated to " + limit + ".");
                out = new ArrayList<>(out.subList(0, limit));
            }
            return ArrayDatum.wrap(out);
        }
        if (l instanceof StringDatum && r instanceof StringDatum) {
            return l;
        }
        throw new ReqlQueryLogicError("Cannot merge statistics `" + DatumPrinter.truncated(l) + "` (type "
                + l.typeName() + ") and `" + DatumPrinter.truncated(r) + "` (type " + r.typeName() + ").");
    }
}
