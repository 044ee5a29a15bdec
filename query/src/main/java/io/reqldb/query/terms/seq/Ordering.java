package io.reqldb.query.terms.seq;

import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumOrder;
import io.reqldb.query.error.ReqlError;
import io.reqldb.query.error.ReqlNonExistenceError;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.eval.Env;
import io.reqldb.query.term.Term;
import io.reqldb.query.term.TermType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The sort keys of {@code order_by} and an ordered {@code union}: field names or functions,
 * each possibly wrapped in {@code r.asc}/{@code r.desc}. A missing key (non-existence error) is
 * less than any value, as in RethinkDB's {@code lt_cmp}: first in ascending order, last in
 * descending order. A field name's failure (the row is not an object) is the argument's error.
 */
public final class Ordering {
    private final List<UnaryOperator<Datum>> keys;
    private final boolean[] descending;

    private Ordering(List<UnaryOperator<Datum>> keys, boolean[] descending) {
        this.keys = keys;
        this.descending = descending;
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** Keys from terms {@code owner.arg(from..)}; {@code raw} gives each argument's unevaluated term. */
    public static Ordering of(Term owner, Env env, int from) {
        List<UnaryOperator<Datum>> keys = new ArrayList<>();
        boolean[] desc = new boolean[Math.max(0, owner.argCount() - from)];
        for (int i = from; i < owner.argCount(); i++) {
            Term raw = owner.rawArg(i);
            if (raw.type() == TermType.ARGS) {
                throw new ReqlQueryLogicError("r.args is not supported in an order_by or union command yet.");
            }
            desc[i - from] = raw.type() == TermType.DESC;
            Object v = owner.arg(env, i);
            UnaryOperator<Datum> key = owner.inArg(i, () -> Funcs.fieldOrFunc(v));
            int arg = i;
            keys.add(row -> {
                try {
                    return key.apply(row);
                } catch (ReqlError e) {
                    throw e.addFrame(arg);
                }
            });
        }
        return new Ordering(keys, desc);
    }

    /** The keys of a single term (an {@code interleave} optarg that is a field, function, asc or desc). */
    public static Ordering single(Term raw, Object value) {
        return new Ordering(List.of(Funcs.fieldOrFunc(value)), new boolean[] {raw.type() == TermType.DESC});
    }

    /** A row and its sort keys, each computed when a comparison first needs it. */
    public final class Keyed {
        private final Datum row;
        private final Datum[] keys = new Datum[Ordering.this.keys.size()];
        private final boolean[] computed = new boolean[keys.length];

        private Keyed(Datum row) {
            this.row = row;
        }

        public Datum row() {
            return row;
        }

        /** Key {@code i}, or Java null when the row has none. */
        private Datum key(int i) {
            if (!computed[i]) {
                try {
                    keys[i] = Ordering.this.keys.get(i).apply(row);
                } catch (ReqlNonExistenceError e) {
                    keys[i] = null;
                }
                computed[i] = true;
            }
            return keys[i];
        }
    }

    /** A row with all its keys computed now. */
    public Keyed keyed(Datum row) {
        Keyed k = new Keyed(row);
        for (int i = 0; i < keys.size(); i++) {
            k.key(i);
        }
        return k;
    }

    /** A row whose keys are computed by the comparisons that need them, as RethinkDB's sort does. */
    public Keyed lazilyKeyed(Datum row) {
        return new Keyed(row);
    }

    /** RethinkDB's {@code lt_cmp} as a comparator: each key of {@code a}, then of {@code b}, in turn. */
    public Comparator<Keyed> comparator() {
        return (a, b) -> {
            for (int i = 0; i < descending.length; i++) {
                Datum l = a.key(i);
                Datum r = b.key(i);
                int c;
                if (l == null && r == null) {
                    continue;
                } else if (l == null) {
                    c = -1;
                } else if (r == null) {
                    c = 1;
                } else {
                    c = DatumOrder.compare(l, r);
                }
                if (c != 0) {
                    return descending[i] ? -c : c;
                }
            }
            return 0;
        };
    }

    /** Sorts rows as RethinkDB's in-memory order_by does (see {@link RethinkDbStableSort}). */
    public void sort(List<Keyed> rows) {
        Comparator<Keyed> cmp = comparator();
        RethinkDbStableSort.sort(rows, (a, b) -> cmp.compare(a, b) < 0);
    }
}
