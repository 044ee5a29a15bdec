package io.reqldb.query.terms;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.NullDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.query.error.ReqlNonExistenceError;
import io.reqldb.query.eval.ArraySequence;
import io.reqldb.query.eval.CursorSequence;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.FuncValue;
import io.reqldb.query.eval.Sequence;
import io.reqldb.query.eval.TableRef;
import io.reqldb.query.eval.TableValue;
import io.reqldb.query.eval.Values;
import io.reqldb.query.term.Term;
import io.reqldb.query.term.TermFamily;
import io.reqldb.query.term.TermRegistry;
import io.reqldb.query.term.TermType;
import io.reqldb.query.terms.seq.Funcs;
import io.reqldb.query.terms.seq.Streams;
import io.reqldb.storage.KeyRange;
import io.reqldb.storage.StorageException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Joins. {@code eq_join} looks each left row's key up in the right table (primary key or a
 * secondary index), lazily and in left order. {@code inner_join} and {@code outer_join} are nested
 * loops that re-evaluate the right side for every left row, as RethinkDB's rewrite of them does.
 */
public final class JoinTerms implements TermFamily {
    @Override
    public void register(TermRegistry r) {
        r.term(TermType.EQ_JOIN).args(3).optargs("index", "ordered").body(JoinTerms::eqJoin);
        r.term(TermType.INNER_JOIN).args(3).body((t, env) -> nestedLoop(t, env, false));
        r.term(TermType.OUTER_JOIN).args(3).body((t, env) -> nestedLoop(t, env, true));
    }

    private static Object eqJoin(Term t, Env env) {
        Sequence left = t.seqArg(env, 0);
        Object keyArg = t.arg(env, 1);
        UnaryOperator<Datum> keyOf = t.inArg(1, () -> Funcs.fieldOrFunc(keyArg));
        Object right = t.arg(env, 2);
        TableRef table = t.inArg(2, () -> Funcs.wholeTable(right)).ref();
        t.optargBool(env, "ordered", false);
        String index = t.optargString(env, "index", table.primaryKey());
        boolean primary = index.equals(table.primaryKey());
        io.reqldb.query.terms.seq.IndexValues.checkNotGeo(table, index);
        Sequence out = Streams.concatMap(left, row -> {
            Datum key;
            try {
                key = t.inArg(1, () -> keyOf.apply(row));
            } catch (ReqlNonExistenceError e) {
                return new ArraySequence(List.of());
            }
            if (key == NullDatum.INSTANCE) {
                return new ArraySequence(List.of());
            }
            Sequence matches;
            if (primary) {
                Datum doc = table.get(key);
                matches = new ArraySequence(doc == NullDatum.INSTANCE ? List.of() : List.of(doc));
            } else {
                matches = new CursorSequence(table, () -> {
                    try {
                        return table.storage().indexScan(index, KeyRange.exactly(key), false);
                    } catch (StorageException e) {
                        throw table.translate(e, index);
                    }
                });
            }
            return io.reqldb.query.eval.TransformedSequence.map(matches, doc -> pair(row, doc));
        });
        return Streams.result(out, env);
    }

    private static Datum pair(Datum left, Datum right) {
        TreeMap<String, Datum> m = ObjectDatum.newFieldMap();
        m.put("left", left);
        if (right != null) {
            m.put("right", right);
        }
        return ObjectDatum.wrap(m);
    }

    private static Object nestedLoop(Term t, Env env, boolean outer) {
        Sequence left = t.seqArg(env, 0);
        Sequence out = Streams.concatMap(left, row -> {
            List<Datum> matched = new ArrayList<>();
            Object rightValue = t.arg(env, 1);
            Sequence right = t.inArg(1, () -> Values.toSequence(rightValue instanceof TableValue tv ? tv : rightValue));
            try (right) {
                // as in RethinkDB's rewrite, the right side is checked before the predicate
                FuncValue f = t.funcArg(env, 2);
                for (Datum r = right.next(); r != null; r = right.next()) {
                    Datum rr = r;
                    if (t.inArg(2, () -> Funcs.test(f, row, rr))) {
                        matched.add(pair(row, r));
                    }
                }
            }
            if (outer && matched.isEmpty()) {
                matched.add(pair(row, null));
            }
            return new ArraySequence(ArrayDatum.wrap(matched));
        });
        return Streams.result(out, env);
    }
}
