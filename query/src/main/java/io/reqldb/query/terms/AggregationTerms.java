package io.reqldb.query.terms;

import io.reqldb.datum.BinaryDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumOrder;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.error.ReqlNonExistenceError;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.FuncValue;
import io.reqldb.query.eval.GroupedData;
import io.reqldb.query.eval.GroupedFormat;
import io.reqldb.query.eval.Sequence;
import io.reqldb.query.eval.TableValue;
import io.reqldb.query.eval.Values;
import io.reqldb.query.term.Term;
import io.reqldb.query.term.TermFamily;
import io.reqldb.query.term.TermRegistry;
import io.reqldb.query.term.TermType;
import io.reqldb.query.terms.seq.Funcs;
import io.reqldb.query.terms.seq.GroupTerm;
import io.reqldb.query.terms.seq.SliceTerms;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Reductions of a sequence to one value: count, sum, avg, min, max, reduce; and group/ungroup.
 * Applied to grouped data they run per group (the registry's default). Field-name arguments read
 * that field and skip rows without it, as RethinkDB's terminals do.
 */
public final class AggregationTerms implements TermFamily {
    @Override
    public void register(TermRegistry r) {
        r.term(TermType.COUNT).args(1, 2).body(AggregationTerms::count);
        r.term(TermType.SUM).args(1, 2).optargs("index").body((t, env) -> sumOrAvg(t, env, false));
        r.term(TermType.AVG).args(1, 2).optargs("index").body((t, env) -> sumOrAvg(t, env, true));
        r.term(TermType.MIN).args(1, 2).optargs("index").body((t, env) -> minOrMax(t, env, false));
        r.term(TermType.MAX).args(1, 2).optargs("index").body((t, env) -> minOrMax(t, env, true));
        r.term(TermType.REDUCE).args(2).optargs("base").body(AggregationTerms::reduce);
        r.term(TermType.GROUP).args(1, -1).optargs("index", "multi").body(GroupTerm::eval);
        r.term(TermType.UNGROUP).args(1).notGroupable().body(AggregationTerms::ungroup);
    }

    private static Object count(Term t, Env env) {
        Object v0 = t.arg(env, 0);
        Object v = v0 instanceof io.reqldb.query.eval.SingleSelection s ? s.row() : v0;
        if (t.argCount() == 1) {
            if (v instanceof TableValue tv && !tv.isSlice()) {
                return NumberDatum.of(tv.ref().translate(() -> tv.ref().storage().count()));
            }
            if (v instanceof Datum d) {
                switch (d.type()) {
                    case STRING -> {
                        String s = ((StringDatum) d).value();
                        return NumberDatum.of(s.codePointCount(0, s.length()));
                    }
                    case BINARY -> {
                        return NumberDatum.of(((BinaryDatum) d).length());
                    }
                    case OBJECT -> {
                        return NumberDatum.of(((ObjectDatum) d).size());
                    }
                    default -> {
                    }
                }
            }
            Sequence seq = terminal(t, v);
            long n = 0;
            try (seq) {
                while (seq.next() != null) {
                    n++;
                }
            }
            return NumberDatum.of(n);
        }
        Object v1 = t.arg(env, 1);
        // A function counts like filter (object results are patterns); a datum counts equal elements.
        Predicate<Datum> p = v1 instanceof FuncValue f && !f.isConstant()
                ? Funcs.filterPredicate(f, null) : Funcs.equalityOrPredicate(v1);
        Sequence seq = terminal(t, v);
        long n = 0;
        try (seq) {
            for (Datum d = seq.next(); d != null; d = seq.next()) {
                Datum row = d;
                if (t.inArg(1, () -> p.test(row))) {
                    n++;
                }
            }
        }
        return NumberDatum.of(n);
    }

    /** Argument 0 as a finite sequence for a terminal operation. */
    private static Sequence terminal(Term t, Object v) {
        Sequence seq = t.inArg(0, () -> Values.toSequence(v));
        if (seq.isInfinite()) {
            seq.close();
            throw Values.infiniteStream();
        }
        return seq;
    }

    /** The mapping function of sum/avg/min/max, or null for the elements themselves. */
    private static UnaryOperator<Datum> mapping(Term t, Env env, String name) {
        boolean hasIndex = t.hasOptarg("index");
        if (t.argCount() == 2) {
            if (hasIndex) {
                throw new ReqlQueryLogicError("Cannot provide both a function and an index to " + name + ".");
            }
            Object f = t.arg(env, 1);
            return t.inArg(1, () -> Funcs.fieldOrFunc(f));
        }
        return null;
    }

    private static Object sumOrAvg(Term t, Env env, boolean avg) {
        String name = avg ? "avg" : "sum";
        UnaryOperator<Datum> f = mapping(t, env, name);
        if (f == null && t.hasOptarg("index")) {
            throw new ReqlQueryLogicError("Cannot call " + name + " on an index.");
        }
        Sequence seq = terminal(t, t.arg(env, 0));
        double sum = 0;
        long n = 0;
        try (seq) {
            for (Datum d = seq.next(); d != null; d = seq.next()) {
                Datum row = d;
                Datum v = f == null ? d : t.inArg(1, () -> Funcs.orSkip(f, row));
                if (v == null) {
                    continue;
                }
                sum += Values.toNumber(v);
                n++;
            }
        }
        if (!avg) {
            return NumberDatum.of(sum);
        }
        if (n == 0) {
            throw new ReqlNonExistenceError("Cannot take the average of an empty stream.  (If you passed `avg` a "
                    + "field name, it may be that no elements of the stream had that field.)");
        }
        return NumberDatum.of(sum / n);
    }

    private static Object minOrMax(Term t, Env env, boolean max) {
        String name = max ? "max" : "min";
        UnaryOperator<Datum> f = mapping(t, env, name);
        Object v = t.arg(env, 0);
        if (f == null && (t.hasOptarg("index") || (v instanceof TableValue tv && !tv.isSlice()))) {
            TableValue tv = t.inArg(0, () -> Values.toTable(v));
            String index = t.optargString(env, "index", null);
            String stored = index == null || index.equals(tv.ref().primaryKey()) ? null : index;
            try (Sequence s = new TableValue(tv.ref(), stored, null, max, true).scan()) {
                Datum row = s.next();
                if (row == null) {
                    throw new ReqlNonExistenceError("`" + name + "` found no entries in the specified index.");
                }
                return SliceTerms.selectionOf(tv.ref(), row);
            }
        }
        Sequence seq = terminal(t, v);
        Datum bestRow = null;
        Datum bestVal = null;
        try (seq) {
            for (Datum d = seq.next(); d != null; d = seq.next()) {
                Datum row = d;
                Datum val = f == null ? d : t.inArg(1, () -> Funcs.orSkip(f, row));
                if (val == null) {
                    continue;
                }
                int c = bestVal == null ? 0 : DatumOrder.compare(val, bestVal);
                if (bestVal == null || (max ? c > 0 : c < 0)) {
                    bestRow = d;
                    bestVal = val;
                }
            }
        }
        if (bestRow == null) {
            throw new ReqlNonExistenceError("Cannot take the " + name + " of an empty stream.  (If you passed `"
                    + name + "` a field name, it may be that no elements of the stream had that field.)");
        }
        return SliceTerms.selectionOf(seq.table(), bestRow);
    }

    private static Object reduce(Term t, Env env) {
        Sequence seq = terminal(t, t.arg(env, 0));
        FuncValue f = t.funcArg(env, 1);
        Datum acc = null;
        try (seq) {
            for (Datum d = seq.next(); d != null; d = seq.next()) {
                Datum a = acc;
                Datum row = d;
                acc = acc == null ? d : t.inArg(1, () -> f.call(a, row));
            }
        }
        if (acc == null) {
            throw new ReqlNonExistenceError("Cannot reduce over an empty stream.");
        }
        return acc;
    }

    private static Object ungroup(Term t, Env env) {
        Object v = t.arg(env, 0);
        if (v instanceof GroupedData g) {
            return GroupedFormat.ungroup(g);
        }
        throw Values.typeError("GROUPED_DATA", v).addFrame(0);
    }
}
