package io.reqldb.query.terms.seq;

import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumOrder;
import io.reqldb.query.error.ReqlNonExistenceError;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.eval.Env;
import io.reqldb.query.parallel.PartitionedScan;
import io.reqldb.query.term.Term;
import io.reqldb.query.term.TermType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The sort keys of {@code order_by} and an ordered {@code union}: field names or functions,
 * each possibly wrapped in {@code r.asc}/{@code r.desc}. A row whose key is missing (non-existence
 * error) sorts before every other row, in both directions of RethinkDB's comparison.
 */
public final class Ordering {
    private final List<UnaryOperator<Datum>> keys;
    private final boolean[] descending;
    private final boolean pure;

    private Ordering(List<UnaryOperator<Datum>> keys, boolean[] descending, boolean pure) {
        this.keys = keys;
        this.descending = descending;
        this.pure = pure;
    }

    /** Whether every key gives the same answer for the same row on any thread. */
    public boolean isPure() {
        return pure;
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** Keys from terms {@code owner.arg(from..)}; {@code raw} gives each argument's unevaluated term. */
    public static Ordering of(Term owner, Env env, int from) {
        List<UnaryOperator<Datum>> keys = new ArrayList<>();
        boolean[] desc = new boolean[Math.max(0, owner.argCount() - from)];
        boolean pure = true;
        for (int i = from; i < owner.argCount(); i++) {
            Term raw = owner.rawArg(i);
            if (raw.type() == TermType.ARGS) {
                throw new ReqlQueryLogicError("r.args is not supported in an order_by or union command yet.");
            }
            desc[i - from] = raw.type() == TermType.DESC;
            Object v = owner.arg(env, i);
            pure &= PartitionedScan.isPure(v);
            keys.add(owner.inArg(i, () -> Funcs.fieldOrFunc(v)));
        }
        return new Ordering(keys, desc, pure);
    }

    /** The keys of a single term (an {@code interleave} optarg that is a field, function, asc or desc). */
    public static Ordering single(Term raw, Object value) {
        return new Ordering(List.of(Funcs.fieldOrFunc(value)), new boolean[] {raw.type() == TermType.DESC},
                PartitionedScan.isPure(value));
    }

    /** A row with its computed keys (null entries: missing). */
    public record Keyed(Datum row, Datum[] keys) {
    }

    public Keyed keyed(Datum row) {
        Datum[] k = new Datum[keys.size()];
        for (int i = 0; i < k.length; i++) {
            try {
                k[i] = keys.get(i).apply(row);
            } catch (ReqlNonExistenceError e) {
                k[i] = null;
            }
        }
        return new Keyed(row, k);
    }

    public Comparator<Keyed> comparator() {
        return (a, b) -> {
            for (int i = 0; i < descending.length; i++) {
                Datum l = a.keys[i];
                Datum r = b.keys[i];
                int c;
                if (l == null && r == null) {
                    continue;
                } else if (l == null) {
                    return -1;
                } else if (r == null) {
                    return 1;
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
}
