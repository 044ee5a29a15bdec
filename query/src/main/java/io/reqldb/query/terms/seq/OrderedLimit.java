package io.reqldb.query.terms.seq;

import io.reqldb.datum.Datum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.query.error.ReqlError;
import io.reqldb.query.error.ReqlResourceLimitError;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.Sequence;
import io.reqldb.query.eval.TableValue;
import io.reqldb.query.eval.Values;
import io.reqldb.query.limits.QueryControl;
import io.reqldb.query.parallel.PartitionedScan;
import io.reqldb.query.term.DatumTerm;
import io.reqldb.query.term.Term;
import io.reqldb.query.term.TermType;
import io.reqldb.query.terms.write.Determinism;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.LongConsumer;

/**
 * {@code table.order_by(keys).limit(n)} without an index, for a small literal {@code n}: keeps
 * the first {@code n} rows of the order while reading the table (on every core), instead of
 * sorting all of it. A whole table held to be sorted is as large as the table (two such queries
 * at once filled the query memory of the default heap with 100k rows of 850 bytes); the first
 * rows are a few. They are still charged to the query's memory budget while kept, as the sort
 * charges its rows: a thousand very large documents do not fit in it either.
 *
 * <p>The answer is the full sort's: rows with equal keys stay in table order (the sort is
 * stable), more rows than the array limit fail as the sort does. A sort key that fails with
 * anything but a missing field makes the table be read again through the full sort, whose
 * comparisons decide which row's error RethinkDB reports (see {@link RethinkDbStableSort}); so
 * only deterministic keys take this path, and only over a table, which can be read again.
 */
public final class OrderedLimit {
    /** Larger limits take the full sort: their rows are no longer "a few". */
    static final int MAX_ROWS = 1000;

    private OrderedLimit() {
    }

    /**
     * The answer of {@code limit}, term {@code t}, when it can be computed this way; null when
     * {@code limit} must run as usual (nothing has been evaluated then).
     */
    static Object of(Term t, Env env) {
        Term orderBy = t.rawArg(0);
        long n = literalCount(t.rawArg(1));
        if (n < 0 || orderBy.type() != TermType.ORDER_BY || orderBy.hasOptarg("index")
                || env.firstArgOf(t) != null || !pureKeys(orderBy)) {
            return null;
        }
        return t.inArg(0, () -> {
            // In the order ORDER_BY evaluates them: its source first (see GroupAwareTerm), then its keys.
            Object source = orderBy.arg(env, 0);
            Ordering ordering = Ordering.of(orderBy, env, 1);
            if (!(source instanceof TableValue table) || ordering.isEmpty()) {
                return orderBy.evalOn(env, source);
            }
            List<Datum> first = firstRows(table, ordering, (int) n, env);
            return first == null ? orderBy.evalOn(env, source) : Streams.of(first.iterator(), table.ref(), true);
        });
    }

    /** The limit when it is a literal integer from 0 to {@link #MAX_ROWS}, else -1. */
    private static long literalCount(Term arg) {
        if (arg instanceof DatumTerm d && d.value() instanceof NumberDatum num) {
            double v = num.value();
            if (v >= 0 && v <= MAX_ROWS && v == Math.rint(v)) {
                return (long) v;
            }
        }
        return -1;
    }

    private static boolean pureKeys(Term orderBy) {
        for (int i = 1; i < orderBy.argCount(); i++) {
            Term key = orderBy.rawArg(i);
            if (key.type() == TermType.ARGS || !Determinism.isDeterministic(key, true)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A row with its keys and its place in the table's order (part, then row within it), and
     * the bytes charged to the query's budget while it is kept.
     */
    private record Placed(Ordering.Keyed keyed, int part, long index, long bytes) {
    }

    /** The first {@code n} rows in order, or null when a sort key failed. */
    private static List<Datum> firstRows(TableValue table, Ordering ordering, int n, Env env) {
        Comparator<Ordering.Keyed> byKeys = ordering.comparator();
        Comparator<Placed> inOrder = Comparator.<Placed, Ordering.Keyed>comparing(Placed::keyed, byKeys)
                .thenComparingInt(Placed::part).thenComparingLong(Placed::index);
        int arrayLimit = env.context().arrayLimit();
        QueryControl control = env.context().control();
        Sequence seq = table.scan();
        List<Sequence> parts = PartitionedScan.split(seq);
        List<PriorityQueue<Placed>> kept = new ArrayList<>();
        long rows = 0;
        try {
            if (parts == null) {
                try (seq; QueryControl.Buffer held = control.buffer()) {
                    PartFirst one = firstOfPart(seq, 0, ordering, inOrder, n, arrayLimit, control, held::add);
                    held.keep();
                    kept.add(one.kept());
                    rows = one.rows();
                }
            } else {
                List<Sequence> numbered = parts;
                List<PartFirst> results = PartitionedScan.fold(parts, control, p -> PartitionedScan.charged(control,
                        charge -> firstOfPart(p, numbered.indexOf(p), ordering, inOrder, n, arrayLimit, control, charge)));
                for (PartFirst r : results) {
                    kept.add(r.kept());
                    rows += r.rows();
                }
            }
        } catch (ReqlResourceLimitError overBudget) {
            throw overBudget;
        } catch (ReqlError keyFailed) {
            return null;
        }
        if (rows > arrayLimit) {
            throw Values.arrayLimit(arrayLimit);
        }
        List<Placed> all = new ArrayList<>();
        kept.forEach(all::addAll);
        all.sort(inOrder);
        List<Datum> first = new ArrayList<>(Math.min(n, all.size()));
        for (int i = 0; i < Math.min(n, all.size()); i++) {
            first.add(all.get(i).keyed().row());
        }
        return first;
    }

    /**
     * A part's first rows (at most n, in a heap whose head is the last of them) and how many rows
     * it read: it stops past the array limit, which the rows of all parts together then exceed.
     */
    private record PartFirst(PriorityQueue<Placed> kept, long rows) {
    }

    /** Kept rows are charged to the query's budget through {@code charge}, and uncharged when pushed out. */
    private static PartFirst firstOfPart(Sequence part, int partNumber, Ordering ordering, Comparator<Placed> inOrder,
                                         int n, int arrayLimit, QueryControl control, LongConsumer charge) {
        PriorityQueue<Placed> kept = new PriorityQueue<>(n + 1, inOrder.reversed());
        long rows = 0;
        try (part) {
            for (Datum next = part.next(); next != null && rows <= arrayLimit; next = part.next()) {
                Datum row = QueryControl.heldForm(next);
                Placed p = new Placed(ordering.keyed(row), partNumber, rows++, 0);
                boolean full = kept.size() >= n;
                if (!full || (n > 0 && inOrder.compare(p, kept.peek()) < 0)) {
                    long bytes = control.sizeOf(row);
                    charge.accept(bytes);
                    if (full) {
                        charge.accept(-kept.poll().bytes());
                    }
                    kept.add(new Placed(p.keyed(), partNumber, p.index(), bytes));
                }
            }
        }
        return new PartFirst(kept, rows);
    }
}
