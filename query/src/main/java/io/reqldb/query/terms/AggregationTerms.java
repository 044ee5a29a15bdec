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
import io.reqldb.query.eval.SingleSelection;
import io.reqldb.query.eval.TableValue;
import io.reqldb.query.eval.Values;
import io.reqldb.query.parallel.PartitionedScan;
import io.reqldb.query.term.Term;
import io.reqldb.query.term.TermFamily;
import io.reqldb.query.term.TermRegistry;
import io.reqldb.query.term.TermType;
import io.reqldb.query.terms.seq.FoldTerm;
import io.reqldb.query.terms.seq.Funcs;
import io.reqldb.query.terms.seq.GroupTerm;
import java.util.List;
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
        r.term(TermType.COUNT).args(1, 2).notGroupable().body((t, env) -> t.argCount() == 2
                ? io.reqldb.query.terms.seq.Grouped.apply(t, env, v -> count(t, env, v))
                : countAll(t, env));
        r.term(TermType.SUM).args(1, 2).optargs("index").notGroupable()
                .body((t, env) -> perGroup(t, env, v -> sumOrAvg(t, env, v, false)));
        r.term(TermType.AVG).args(1, 2).optargs("index").notGroupable()
                .body((t, env) -> perGroup(t, env, v -> sumOrAvg(t, env, v, true)));
        r.term(TermType.MIN).args(1, 2).optargs("index").notGroupable()
                .body((t, env) -> perGroup(t, env, v -> minOrMax(t, env, v, false)));
        r.term(TermType.MAX).args(1, 2).optargs("index").notGroupable()
                .body((t, env) -> perGroup(t, env, v -> minOrMax(t, env, v, true)));
        r.term(TermType.REDUCE).args(2).optargs("base").body(AggregationTerms::reduce);
        r.term(TermType.GROUP).args(1, -1).optargs("index", "multi").body(GroupTerm::eval);
        r.term(TermType.UNGROUP).args(1).notGroupable().body(AggregationTerms::ungroup);
    }

    /**
     * {@code count()}. Straight after {@code group} (on anything but grouped data), the groups are
     * counted while they are formed, so their rows are never held: the answer is the same.
     */
    private static Object countAll(Term t, Env env) {
        Term source = t.rawArg(0);
        if (source.type() != TermType.GROUP || env.firstArgOf(t) != null || expandsArgs(source)) {
            return perGroup(t, env, v -> count(t, env, v));
        }
        Object input = t.inArg(0, () -> source.arg(env, 0));
        Env given = env.withFirstArg(source, input);
        if (input instanceof GroupedData) {
            Object groups = t.inArg(0, () -> source.eval(given));
            return perGroup(t, env.withFirstArg(t, groups), v -> count(t, env, v));
        }
        return t.inArg(0, () -> GroupTerm.count(source, given));
    }

    /** Whether the term's arguments are only known when it runs (an {@code r.args} among them). */
    private static boolean expandsArgs(Term term) {
        for (int i = 0; i < term.argCount(); i++) {
            if (term.rawArg(i).type() == TermType.ARGS) {
                return true;
            }
        }
        return false;
    }

    private static Object count(Term t, Env env, Object v0) {
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
            long counted = io.reqldb.query.terms.select.StorageCount.of(v);
            if (counted != io.reqldb.query.terms.select.StorageCount.NOT_COUNTABLE) {
                return NumberDatum.of(counted);
            }
            Sequence seq = terminal(t, v);
            return NumberDatum.of(countRows(seq, env, row -> true));
        }
        Object v1 = t.arg(env, 1);
        // A function counts like filter (object results are patterns); a datum counts equal elements.
        Predicate<Datum> p = v1 instanceof FuncValue f && !f.isConstant()
                ? Funcs.filterPredicate(f, null) : Funcs.equalityOrPredicate(v1);
        Sequence seq = terminal(t, v);
        Predicate<Datum> counted = row -> t.inArg(1, () -> p.test(row));
        return NumberDatum.of(PartitionedScan.isPure(v1) ? countRows(seq, env, counted)
                : countSerially(seq, counted));
    }

    /** How many rows of {@code seq} pass {@code p}, a pure test: on every core when seq splits. */
    private static long countRows(Sequence seq, Env env, Predicate<Datum> p) {
        List<Sequence> parts = PartitionedScan.split(seq);
        if (parts == null) {
            return countSerially(seq, p);
        }
        long n = 0;
        for (long partial : PartitionedScan.fold(parts, env.context().control(), part -> countSerially(part, p))) {
            n += partial;
        }
        return n;
    }

    private static long countSerially(Sequence seq, Predicate<Datum> p) {
        long n = 0;
        try (seq) {
            for (Datum d = seq.next(); d != null; d = seq.next()) {
                if (p.test(d)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Argument 0 as a finite sequence for a terminal operation. */
    private static Sequence terminal(Term t, Object v) {
        Sequence seq = t.inArg(0, () -> Values.toSequence(v));
        if (seq.isInfinite()) {
            seq.close();
            throw Values.infiniteError(seq);
        }
        return seq;
    }

    /**
     * The mapping function of sum/avg/min/max ({@code f}, null for the elements themselves), and
     * whether it is pure (see {@link PartitionedScan#isPure}).
     */
    private record Mapping(UnaryOperator<Datum> f, boolean pure) {
    }

    private static Mapping mapping(Term t, Env env, String name) {
        boolean hasIndex = t.hasOptarg(env, "index");
        if (t.argCount() == 2) {
            if (hasIndex) {
                throw new ReqlQueryLogicError("Cannot provide both a function and an index to " + name + ".");
            }
            Object f = t.arg(env, 1);
            return new Mapping(t.inArg(1, () -> Funcs.fieldOrFunc(f)), PartitionedScan.isPure(f));
        }
        return new Mapping(null, true);
    }

    /**
     * Runs a skipping terminal (sum, avg, min, max) on argument 0, per group for grouped data.
     * A group none of whose rows had the field (all skipped) is left out of the result, as in
     * RethinkDB, where such a group never gets an accumulator.
     */
    private static Object perGroup(Term t, Env env, java.util.function.Function<Object, Object> terminal) {
        Object v = t.arg(env, 0);
        if (!(v instanceof GroupedData g)) {
            Object r = terminal.apply(v);
            if (r == SKIPPED) {
                if (t.type() == TermType.SUM) {
                    return NumberDatum.of(0);
                }
                throw emptyError(t);
            }
            return r;
        }
        GroupedData out = new GroupedData();
        for (java.util.Map.Entry<Datum, Object> e : g.groups().entrySet()) {
            Object r = terminal.apply(e.getValue());
            if (r != SKIPPED) {
                out.put(e.getKey(), Values.toDatumMaterialized(r));
            }
        }
        return out;
    }

    /** Marks a terminal that saw no values because every row was skipped. */
    private static final Object SKIPPED = new Object();

    private static RuntimeException emptyError(Term t) {
        String name = switch (t.type()) {
            case AVG -> "avg";
            case MIN -> "min";
            default -> "max";
        };
        if (t.type() == TermType.AVG) {
            return new ReqlNonExistenceError("Cannot take the average of an empty stream.  (If you passed `avg` a "
                    + "field name, it may be that no elements of the stream had that field.)");
        }
        return new ReqlNonExistenceError("Cannot take the " + name + " of an empty stream.  (If you passed `"
                + name + "` a field name, it may be that no elements of the stream had that field.)");
    }

    private static Object sumOrAvg(Term t, Env env, Object v0, boolean avg) {
        String name = avg ? "avg" : "sum";
        Mapping m = mapping(t, env, name);
        UnaryOperator<Datum> f = m.f();
        if (f == null && t.hasOptarg(env, "index")) {
            throw new ReqlQueryLogicError("Cannot call " + name + " on an index.");
        }
        Sequence seq = terminal(t, v0);
        double sum = 0;
        long n = 0;
        long skipped = 0;
        UnaryOperator<Datum> value = row -> f == null ? row : t.inArg(1, () -> Funcs.orSkip(f, row));
        List<Sequence> parts = m.pure() ? PartitionedScan.split(seq) : null;
        if (parts != null) {
            // The parts read and convert their rows' values on every core; the values are then
            // added here in key order, so the rounding is the serial loop's to the last bit.
            for (Numbers part : PartitionedScan.fold(parts, env.context().control(), p -> Numbers.of(p, value))) {
                for (int i = 0; i < part.size; i++) {
                    sum += part.values[i];
                }
                n += part.size;
                skipped += part.skipped;
            }
        } else {
            try (seq) {
                for (Datum d = seq.next(); d != null; d = seq.next()) {
                    Datum v = value.apply(d);
                    if (v == null) {
                        skipped++;
                        continue;
                    }
                    sum += Values.toNumber(v);
                    n++;
                }
            }
        }
        if (n == 0 && (avg || skipped > 0)) {
            // Nothing accumulated: avg fails, and in grouped data the group disappears.
            return SKIPPED;
        }
        return NumberDatum.of(avg ? sum / n : sum);
    }

    /** The numbers of one part of a sum or average, in order, and how many rows it skipped. */
    private static final class Numbers {
        double[] values = new double[1024];
        int size;
        long skipped;

        static Numbers of(Sequence part, UnaryOperator<Datum> value) {
            Numbers out = new Numbers();
            for (Datum d = part.next(); d != null; d = part.next()) {
                Datum v = value.apply(d);
                if (v == null) {
                    out.skipped++;
                    continue;
                }
                if (out.size == out.values.length) {
                    out.values = java.util.Arrays.copyOf(out.values, out.size * 2);
                }
                out.values[out.size++] = Values.toNumber(v);
            }
            return out;
        }
    }

    private static Object minOrMax(Term t, Env env, Object v, boolean max) {
        String name = max ? "max" : "min";
        UnaryOperator<Datum> f = mapping(t, env, name).f();
        if (f == null && (t.hasOptarg(env, "index") || (v instanceof TableValue tv && !tv.isSlice()))) {
            TableValue tv = t.inArg(0, () -> Funcs.wholeTable(v));
            String index = t.optargString(env, "index", null);
            io.reqldb.query.terms.seq.IndexValues.checkNotGeo(tv.ref(), index);
            String stored = index == null || index.equals(tv.ref().primaryKey()) ? null : index;
            try (Sequence s = new TableValue(tv.ref(), stored, null, max, true).scan()) {
                Datum row = s.next();
                if (row == null) {
                    throw new ReqlQueryLogicError("`" + name + "` found no entries in the specified index.");
                }
                return SingleSelection.ofRow(tv.ref(), row);
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
            return SKIPPED;
        }
        return SingleSelection.ofRow(seq.table(), bestRow);
    }

    private static Object reduce(Term t, Env env) {
        Sequence seq = terminal(t, t.arg(env, 0));
        FuncValue f = Funcs.strict(t, env, 1);
        Datum acc = null;
        try (seq) {
            for (Datum d = seq.next(); d != null; d = seq.next()) {
                Datum a = acc;
                Datum row = d;
                acc = acc == null ? d : FoldTerm.accumulated(a,
                        t.inArg(1, () -> Funcs.call(f, a, row)));
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
