package io.reqldb.query.terms;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.FuncValue;
import io.reqldb.query.eval.Sequence;
import io.reqldb.query.eval.TransformedSequence;
import io.reqldb.query.eval.Values;
import io.reqldb.query.parallel.PartitionedScan;
import io.reqldb.query.term.Term;
import io.reqldb.query.term.TermFamily;
import io.reqldb.query.term.TermRegistry;
import io.reqldb.query.term.TermType;
import io.reqldb.query.terms.seq.FoldTerm;
import io.reqldb.query.terms.seq.ForEachTerm;
import io.reqldb.query.terms.seq.Funcs;
import io.reqldb.query.terms.seq.Grouped;
import io.reqldb.query.terms.seq.Rows;
import io.reqldb.query.terms.seq.SliceTerms;
import io.reqldb.query.terms.seq.Streams;
import io.reqldb.query.terms.seq.UnionTerm;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Element-wise sequence transformations: filter, map, concat_map, with_fields, zip, range, union,
 * fold and for_each; slicing terms are in {@link SliceTerms}. Transformations of arrays give
 * arrays, of table rows selections (filter keeps them writable), of other streams lazy streams.
 */
public final class SequenceTerms implements TermFamily {
    @Override
    public void register(TermRegistry r) {
        r.term(TermType.FILTER).args(2).optargs("default").notGroupable()
                .body((t, env) -> Grouped.apply(t, env, v -> filter(t, env, v)));
        r.term(TermType.MAP).args(2, -1).body(SequenceTerms::map);
        r.term(TermType.CONCAT_MAP).args(2).notGroupable()
                .body((t, env) -> Grouped.apply(t, env, v -> concatMap(t, env, v)));
        r.term(TermType.WITH_FIELDS).args(1, -1).body(SequenceTerms::withFields);
        r.term(TermType.ZIP).args(1).body(SequenceTerms::zip);
        r.term(TermType.RANGE).args(0, 2).notGroupable().body(SequenceTerms::range);
        r.term(TermType.UNION).args(0, -1).optargs("interleave").notGroupable().body(UnionTerm::eval);
        r.term(TermType.FOLD).args(3).optargs("emit", "final_emit").body(FoldTerm::eval);
        r.term(TermType.FOR_EACH).args(2).body(ForEachTerm::eval);
        SliceTerms.register(r);
    }

    private static Object filter(Term t, Env env, Object v0) {
        Sequence seq = t.inArg(0, () -> Values.toSequence(v0));
        FuncValue f = t.funcArg(env, 1);
        Supplier<Datum> dflt = t.hasOptarg(env, "default") ? () -> t.optargDatum(env, "default") : null;
        Predicate<Datum> keep = Funcs.filterPredicate(f, dflt);
        boolean pure = dflt == null && PartitionedScan.isPure(f);
        return Streams.result(TransformedSequence.filter(seq, row -> t.inArg(1, () -> keep.test(row)), pure), env);
    }

    private static Object map(Term t, Env env) {
        int n = t.argCount() - 1;
        FuncValue f = Funcs.strict(t, env, n);
        if (!f.isConstant() && f.arity() != 0 && f.arity() != n) {
            throw new ReqlQueryLogicError("The function passed to `map` expects " + f.arity() + " argument"
                    + (f.arity() == 1 ? "" : "s") + ", but " + n + " sequence" + (n == 1 ? " was" : "s were")
                    + " found.");
        }
        if (n == 1) {
            Sequence seq = t.seqArg(env, 0);
            return Streams.result(TransformedSequence.map(seq, row -> t.inArg(1, () -> Funcs.call(f, row)),
                    PartitionedScan.isPure(f)), env);
        }
        List<Sequence> seqs = new ArrayList<>(n);
        boolean allArrays = true;
        for (int i = 0; i < n; i++) {
            Sequence s = t.seqArg(env, i);
            seqs.add(s);
            allArrays &= s.isArray();
        }
        boolean infinite = seqs.stream().allMatch(Sequence::isInfinite);
        Sequence out = Streams.generate(() -> {
            Datum[] row = new Datum[n];
            for (int i = 0; i < n; i++) {
                row[i] = seqs.get(i).next();
                if (row[i] == null) {
                    return null;
                }
            }
            return t.inArg(n, () -> Funcs.call(f, row));
        }, () -> seqs.forEach(Sequence::close), allArrays, infinite);
        return Streams.result(out, env);
    }

    private static Object concatMap(Term t, Env env, Object v0) {
        Sequence seq = t.inArg(0, () -> Values.toSequence(v0));
        FuncValue f = Funcs.strict(t, env, 1);
        Sequence out = Streams.concatMap(seq, row -> t.inArg(1, () -> Values.toSequence(f.callValue(row))));
        return Streams.result(out, env);
    }

    /** RethinkDB's rewrite: {@code seq.has_fields(sels...).pluck(sels...)}. */
    private static Object withFields(Term t, Env env) {
        Object v0 = t.arg(env, 0);
        if (v0 instanceof Datum d && d.type() != io.reqldb.datum.DatumType.ARRAY) {
            // has_fields on an object gives a bool, which pluck refuses; anything else has_fields refuses
            String op = d.type() == io.reqldb.datum.DatumType.OBJECT ? "pluck" : "has_fields";
            Datum shown = d.type() == io.reqldb.datum.DatumType.OBJECT
                    ? io.reqldb.datum.BoolDatum.of(Rows.hasFields(d, selectorsOf(t, env))) : d;
            throw Rows.nonObjectError(op, shown);
        }
        Sequence seq = t.inArg(0, () -> Values.toSequence(v0));
        ArrayDatum sel = selectorsOf(t, env);
        Sequence kept = TransformedSequence.filter(seq, row -> {
            if (row.type() != io.reqldb.datum.DatumType.OBJECT && row.type() != io.reqldb.datum.DatumType.ARRAY) {
                if (row == io.reqldb.datum.NullDatum.INSTANCE) {
                    return false;
                }
                throw Rows.nonObjectError("has_fields", row);
            }
            return Rows.hasFields(row, sel);
        });
        return Streams.result(TransformedSequence.map(kept, row -> Rows.pluck(row, sel)), env);
    }

    private static ArrayDatum selectorsOf(Term t, Env env) {
        List<Datum> selectors = new ArrayList<>();
        for (int i = 1; i < t.argCount(); i++) {
            selectors.add(t.datumArg(env, i));
        }
        return ArrayDatum.wrap(selectors);
    }

    private static Object zip(Term t, Env env) {
        Sequence seq = t.seqArg(env, 0);
        return Streams.result(TransformedSequence.map(seq, row -> {
            Datum left = row instanceof ObjectDatum o ? o.get("left") : null;
            if (left == null) {
                throw new ReqlQueryLogicError("ZIP can only be called on the result of a join.");
            }
            Datum right = ((ObjectDatum) row).get("right");
            if (right == null) {
                return left;
            }
            if (!(left instanceof ObjectDatum lo) || !(right instanceof ObjectDatum ro)) {
                return right;
            }
            java.util.TreeMap<String, Datum> m = lo.toMutableMap();
            m.putAll(ro.fields());
            return ObjectDatum.wrap(m);
        }), env);
    }

    private static Object range(Term t, Env env) {
        return switch (t.argCount()) {
            case 0 -> Streams.range(0, 0, true);
            case 1 -> Streams.range(0, t.intArg(env, 0), false);
            default -> Streams.range(t.intArg(env, 0), t.intArg(env, 1), false);
        };
    }
}
