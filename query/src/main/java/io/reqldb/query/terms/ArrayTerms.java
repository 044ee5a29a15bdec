package io.reqldb.query.terms;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumOrder;
import io.reqldb.datum.DatumType;
import io.reqldb.query.error.ReqlNonExistenceError;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.Sequence;
import io.reqldb.query.eval.TransformedSequence;
import io.reqldb.query.eval.Values;
import io.reqldb.query.term.Term;
import io.reqldb.query.term.TermFamily;
import io.reqldb.query.term.TermRegistry;
import io.reqldb.query.term.TermType;
import io.reqldb.query.terms.datum.Nth;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Array datum terms: APPEND, PREPEND, DIFFERENCE, the SET_* terms (which compare by RethinkDB's
 * order and keep first occurrences), INSERT_AT, SPLICE_AT, DELETE_AT, CHANGE_AT.
 */
public final class ArrayTerms implements TermFamily {
    @Override
    public void register(TermRegistry r) {
        r.term(TermType.APPEND).args(2).body((t, env) -> pend(t, env, false));
        r.term(TermType.PREPEND).args(2).body((t, env) -> pend(t, env, true));
        r.term(TermType.DIFFERENCE).args(2).body(ArrayTerms::difference);
        r.term(TermType.SET_INSERT).args(2).body((t, env) -> {
            List<Datum> out = distinct(array(t, env, 0).items(), new TreeSet<>(DatumOrder.COMPARATOR), null);
            Datum el = t.datumArg(env, 1);
            if (out.stream().noneMatch(d -> DatumOrder.compare(d, el) == 0)) {
                out.add(el);
            }
            return limited(out, env);
        });
        r.term(TermType.SET_UNION).args(2).body((t, env) -> {
            TreeSet<Datum> seen = new TreeSet<>(DatumOrder.COMPARATOR);
            List<Datum> out = distinct(array(t, env, 0).items(), seen, null);
            distinct(array(t, env, 1).items(), seen, out);
            return limited(out, env);
        });
        r.term(TermType.SET_INTERSECTION).args(2).body((t, env) -> {
            TreeSet<Datum> set = new TreeSet<>(DatumOrder.COMPARATOR);
            set.addAll(array(t, env, 0).items());
            List<Datum> out = new ArrayList<>();
            for (Datum d : array(t, env, 1).items()) {
                if (set.remove(d)) {
                    out.add(d);
                }
            }
            return limited(out, env);
        });
        r.term(TermType.SET_DIFFERENCE).args(2).body((t, env) -> {
            ArrayDatum a = array(t, env, 0);
            TreeSet<Datum> set = new TreeSet<>(DatumOrder.COMPARATOR);
            set.addAll(array(t, env, 1).items());
            List<Datum> out = new ArrayList<>();
            for (Datum d : a.items()) {
                if (set.add(d)) {
                    out.add(d);
                }
            }
            return limited(out, env);
        });
        new ArrayAtTerms().register(r);
    }

    /**
     * Argument {@code i} as an array. RethinkDB checks these terms' values as datums, so a value of
     * the wrong type is the term's error (its frame is the term's), not the argument's.
     */
    static ArrayDatum array(Term t, Env env, int i) {
        return (ArrayDatum) Values.expect(t.datumArg(env, i), DatumType.ARRAY);
    }

    /** A new array, checked against the array limit and, as a fold may grow it step by step, the memory budget. */
    static ArrayDatum limited(List<Datum> items, Env env) {
        if (items.size() > env.context().arrayLimit()) {
            throw Values.arrayLimit(env.context().arrayLimit());
        }
        return env.context().control().checkFits(ArrayDatum.wrap(items));
    }

    /**
     * {@code arr} itself, checked against the array limit: RethinkDB copies the array that
     * change_at and delete_at edit into a checked builder, so a stored array longer than the
     * query's limit fails even where the edit would not grow it.
     */
    static ArrayDatum withinLimit(ArrayDatum arr, Env env) {
        if (arr.size() > env.context().arrayLimit()) {
            throw Values.arrayLimit(env.context().arrayLimit());
        }
        return arr;
    }

    /** Adds the items not seen yet to {@code out} (a new list when null), in order. */
    private static List<Datum> distinct(List<Datum> items, TreeSet<Datum> seen, List<Datum> out) {
        List<Datum> res = out != null ? out : new ArrayList<>();
        for (Datum d : items) {
            if (seen.add(d)) {
                res.add(d);
            }
        }
        return res;
    }

    private static Object pend(Term t, Env env, boolean prepend) {
        ArrayDatum arr = array(t, env, 0);
        Datum el = t.datumArg(env, 1);
        List<Datum> out = new ArrayList<>(arr.size() + 1);
        if (prepend) {
            out.add(el);
        }
        out.addAll(arr.items());
        if (!prepend) {
            out.add(el);
        }
        return limited(out, env);
    }

    /**
     * {@code seq.difference(array)}: RethinkDB's rewrite to filter(x => !array.contains(x)); the
     * rewritten term stands for the whole, so errors about the array are this term's.
     */
    private static Object difference(Term t, Env env) {
        Sequence seq = t.seqArg(env, 0);
        List<Datum> removed = new ArrayList<>();
        boolean[] loaded = {false};
        Sequence out = TransformedSequence.filter(seq, d -> {
            if (!loaded[0]) {
                removed.addAll(Values.materialize(Values.toSequence(t.datumArg(env, 1)), Integer.MAX_VALUE).items());
                loaded[0] = true;
            }
            return removed.stream().noneMatch(x -> DatumOrder.compare(x, d) == 0);
        });
        if (seq.isArray()) {
            return Values.materialize(out, env.context().arrayLimit());
        }
        return out;
    }

    /** INSERT_AT, SPLICE_AT, DELETE_AT and CHANGE_AT: edits at an index, negative from the end. */
    private static final class ArrayAtTerms implements TermFamily {
        @Override
        public void register(TermRegistry r) {
            r.term(TermType.INSERT_AT).args(3).body((t, env) -> {
                List<Datum> arr = array(t, env, 0).toMutableList();
                int i = index(t, env, arr.size() + 1);
                Datum el = t.datumArg(env, 2);
                checkBound(i, arr.size(), true);
                arr.add(i, el);
                return limited(arr, env);
            });
            r.term(TermType.SPLICE_AT).args(3).body((t, env) -> {
                List<Datum> arr = array(t, env, 0).toMutableList();
                int i = index(t, env, arr.size() + 1);
                ArrayDatum els = (ArrayDatum) Values.expect(t.datumArg(env, 2), DatumType.ARRAY);
                checkBound(i, arr.size(), true);
                arr.addAll(i, els.items());
                return limited(arr, env);
            });
            r.term(TermType.DELETE_AT).args(2, 3).body((t, env) -> {
                List<Datum> arr = withinLimit(array(t, env, 0), env).toMutableList();
                int start = index(t, env, arr.size());
                if (t.argCount() == 2) {
                    checkBound(start, arr.size(), false);
                    arr.remove(start);
                    return ArrayDatum.wrap(arr);
                }
                int end = (int) Nth.canonicalize(Values.toLong(t.datumArg(env, 2)), arr.size());
                checkBound(start, arr.size(), true);
                checkBound(end, arr.size(), true);
                if (start > end) {
                    throw new ReqlQueryLogicError("Start index `" + start + "` is greater than end index `" + end + "`.");
                }
                arr.subList(start, end).clear();
                return ArrayDatum.wrap(arr);
            });
            r.term(TermType.CHANGE_AT).args(3).body((t, env) -> {
                List<Datum> arr = withinLimit(array(t, env, 0), env).toMutableList();
                int i = index(t, env, arr.size());
                Datum el = t.datumArg(env, 2);
                checkBound(i, arr.size(), false);
                arr.set(i, el);
                return ArrayDatum.wrap(arr);
            });
        }

        /** The index argument, checked as a datum: a wrong one is the term's error, as in RethinkDB. */
        private static int index(Term t, Env env, int size) {
            long i = Values.toLong(t.datumArg(env, 1));
            return (int) Math.min(Nth.canonicalize(i, size), Integer.MAX_VALUE);
        }

        private static void checkBound(int index, int size, boolean inclusive) {
            if (inclusive ? index > size : index >= size) {
                throw new ReqlNonExistenceError("Index `" + index + "` out of bounds for array of size: `" + size + "`.");
            }
        }
    }

}
