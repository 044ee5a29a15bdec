package io.reqldb.query.terms;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumOrder;
import io.reqldb.datum.DatumPrinter;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.error.ReqlResourceLimitError;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.Sequence;
import io.reqldb.query.eval.TableValue;
import io.reqldb.query.eval.TransformedSequence;
import io.reqldb.query.eval.Values;
import io.reqldb.query.limits.QueryControl;
import io.reqldb.query.parallel.PartitionedScan;
import io.reqldb.query.term.Term;
import io.reqldb.query.term.TermFamily;
import io.reqldb.query.term.TermRegistry;
import io.reqldb.query.term.TermType;
import io.reqldb.query.terms.seq.IndexValues;
import io.reqldb.query.terms.seq.Ordering;
import io.reqldb.query.terms.seq.Rows;
import io.reqldb.query.terms.seq.Streams;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.LongConsumer;

/**
 * {@code order_by}, {@code r.asc}/{@code r.desc} and {@code distinct}. Ordering by an index gives a
 * lazy table slice; any other ordering reads the whole input into memory, bounded by the array
 * limit, as RethinkDB does.
 */
public final class OrderTerms implements TermFamily {
    private static final String INDEXED_ONLY_ON_TABLES = "Indexed order_by can only be performed on a TABLE or "
            + "TABLE_SLICE. Make sure order_by comes before any transformations (such as map) or filters.";

    @Override
    public void register(TermRegistry r) {
        r.term(TermType.ASC).args(1).notGroupable().body((t, env) -> t.arg(env, 0));
        r.term(TermType.DESC).args(1).notGroupable().body((t, env) -> t.arg(env, 0));
        r.term(TermType.ORDER_BY).args(1, -1).optargs("index").body(OrderTerms::orderBy);
        r.term(TermType.DISTINCT).args(1).optargs("index").body(OrderTerms::distinct);
    }

    private static Object orderBy(Term t, Env env) {
        if (t.rawArg(0).type() == TermType.ARGS) {
            throw new ReqlQueryLogicError("r.args is not supported in an order_by or union command yet.");
        }
        Ordering ordering = Ordering.of(t, env, 1);
        Object v0 = t.arg(env, 0);
        Term rawIndex = t.rawOptarg("index");
        if (rawIndex != null) {
            String index = t.optargString(env, "index", null);
            if (!(v0 instanceof TableValue tv)) {
                throw new ReqlQueryLogicError(INDEXED_ONLY_ON_TABLES);
            }
            if (tv.ordered()) {
                throw new ReqlQueryLogicError("Cannot perform multiple indexed ORDER_BYs on the same table.");
            }
            if ((tv.index() != null || tv.range() != null) && !tv.indexName().equals(index)) {
                throw new ReqlQueryLogicError("Cannot order by index `" + index + "` after calling BETWEEN on index `"
                        + tv.indexName() + "`.");
            }
            IndexValues.checkNotGeo(tv.ref(), index);
            boolean desc = rawIndex.type() == TermType.DESC;
            String stored = index.equals(tv.ref().primaryKey()) ? null : index;
            TableValue slice = new TableValue(tv.ref(), stored, tv.range(), desc, true).blamedOn(t::anchor);
            if (ordering.isEmpty()) {
                return slice;
            }
            return sortWithinIndex(slice, index, ordering, env);
        }
        if (ordering.isEmpty()) {
            throw new ReqlQueryLogicError("Must specify something to order by.");
        }
        Sequence seq = t.inArg(0, () -> Values.toSequence(v0));
        if (seq.isInfinite()) {
            throw Values.infiniteError(seq);
        }
        List<Ordering.Keyed> rows = new ArrayList<>();
        int limit = env.context().arrayLimit();
        QueryControl control = env.context().control();
        List<Sequence> parts = PartitionedScan.split(seq);
        if (parts != null) {
            // The parts read the rows on every core; the sort itself stays here, because its
            // comparisons decide which keys are computed, and so which error a failing key gives.
            for (List<Datum> part : PartitionedScan.fold(parts, control,
                    p -> PartitionedScan.charged(control, charge -> readRows(p, limit, control, charge)))) {
                if (rows.size() + part.size() > limit) {
                    throw Values.arrayLimit(limit);
                }
                for (Datum d : part) {
                    rows.add(ordering.lazilyKeyed(d));
                }
            }
        } else {
            try (seq; QueryControl.Buffer held = control.buffer()) {
                for (Datum next = seq.next(); next != null; next = seq.next()) {
                    if (rows.size() >= limit) {
                        throw Values.arrayLimit(limit);
                    }
                    Datum d = QueryControl.heldForm(next);
                    held.add(control.sizeOf(d));
                    rows.add(ordering.lazilyKeyed(d));
                }
                held.keep();
            }
        }
        ordering.sort(rows);
        List<Datum> sorted = new ArrayList<>(rows.size());
        for (Ordering.Keyed k : rows) {
            sorted.add(k.row());
        }
        if (seq.table() != null) {
            return Streams.of(sorted.iterator(), seq.table(), true);
        }
        return ArrayDatum.wrap(sorted);
    }

    /**
     * Index order first, then the given keys among rows with equal index values: lazily, one run
     * of equal index values at a time (each run bounded by the array limit), as RethinkDB's
     * indexed sort does.
     */
    private static Object sortWithinIndex(TableValue slice, String index, Ordering ordering, Env env) {
        IndexValues keys = IndexValues.of(slice.ref(), index, env);
        Sequence seq = slice.scan();
        int limit = env.context().arrayLimit();
        java.util.ArrayDeque<Datum> ready = new java.util.ArrayDeque<>();
        Datum[] carry = {null};
        boolean[] done = {false};
        QueryControl control = env.context().control();
        // Charged while a run is sorted and handed out; a new run starts once the last is out.
        QueryControl.Buffer held = control.buffer();
        Sequence out = Streams.generate(() -> {
            while (ready.isEmpty() && !done[0]) {
                held.close();
                List<Ordering.Keyed> run = new ArrayList<>();
                Datum runKey = null;
                Datum row = carry[0] != null ? carry[0] : seq.next();
                carry[0] = null;
                while (row != null) {
                    row = QueryControl.heldForm(row);
                    List<Datum> k = keys.keys(row);
                    Datum key = k.isEmpty() ? null : k.get(0);
                    if (!run.isEmpty() && (key == null || runKey == null || DatumOrder.compare(key, runKey) != 0)) {
                        carry[0] = row;
                        break;
                    }
                    runKey = key;
                    if (run.size() >= limit) {
                        throw tooManyWithTheSameValue(limit, index, runKey);
                    }
                    held.add(control.sizeOf(row));
                    run.add(ordering.lazilyKeyed(row));
                    row = seq.next();
                }
                if (row == null) {
                    done[0] = true;
                }
                ordering.sort(run);
                for (Ordering.Keyed k : run) {
                    ready.add(k.row());
                }
            }
            return ready.poll();
        }, () -> {
            held.close();
            seq.close();
        }, false);
        return Streams.selection(out, slice.ref());
    }

    private static Object distinct(Term t, Env env) {
        Object v = t.arg(env, 0);
        String idx = t.optargString(env, "index", null);
        if (v instanceof TableValue tv) {
            String pk = tv.ref().primaryKey();
            String idxName = idx != null ? idx : pk;
            boolean sliceHasIndex = tv.index() != null || tv.range() != null || tv.ordered();
            if (idx != null && idx.equals(pk)) {
                Datum key = new StringDatum(pk);
                return TransformedSequence.map(tv.scan(), row -> Rows.getField(row, key));
            }
            if (!sliceHasIndex || tv.indexName().equals(idxName)) {
                if (idx == null) {
                    // Rows in primary-key order are all distinct.
                    TableValue ordered = sliceHasIndex ? tv : new TableValue(tv.ref(), null, tv.range(), false, true);
                    return TransformedSequence.map(ordered.scan(), row -> row);
                }
                IndexValues.checkNotGeo(tv.ref(), idx);
                IndexValues keys = IndexValues.of(tv.ref(), idx, env);
                TableValue ordered = tv.ordered() ? tv : new TableValue(tv.ref(), idx, tv.range(), false, true);
                return distinctIndexValues(ordered, keys, env);
            }
        }
        if (idx != null) {
            throw new ReqlQueryLogicError("Can only perform an indexed distinct on a TABLE.");
        }
        Sequence seq = t.inArg(0, () -> Values.toSequence(v));
        if (seq.isInfinite()) {
            throw Values.infiniteError(seq);
        }
        int limit = env.context().arrayLimit();
        QueryControl control = env.context().control();
        List<Sequence> parts = PartitionedScan.split(seq);
        if (parts != null) {
            // Each part collects its distinct values on its own core; joined in key order, the
            // first of equal values met stands for them, as in the serial loop.
            TreeSet<Datum> set = new TreeSet<>(DatumOrder.COMPARATOR);
            for (TreeSet<Datum> part : PartitionedScan.fold(parts, control,
                    p -> PartitionedScan.charged(control, charge -> distinctValues(p, limit, control, charge)))) {
                set.addAll(part);
                if (set.size() > limit) {
                    throw Values.arrayLimit(limit);
                }
            }
            return ArrayDatum.wrap(new ArrayList<>(set));
        }
        try (seq; QueryControl.Buffer held = control.buffer()) {
            ArrayDatum values = ArrayDatum.wrap(new ArrayList<>(distinctValues(seq, limit, control, held::add)));
            held.keep();
            return values;
        }
    }


    /** RethinkDB's message when a run of equal index values outgrows the array limit (datum_stream.cc). */
    private static ReqlResourceLimitError tooManyWithTheSameValue(int limit, String index, Datum value) {
        return new ReqlResourceLimitError("Too many rows (> " + limit + ") with the same value for index `" + index
                + "`:\n" + DatumPrinter.truncated(value));
    }
    /** The rows of {@code seq}, each charged to the budget; at most {@code limit}. */
    private static List<Datum> readRows(Sequence seq, int limit, QueryControl control, LongConsumer charge) {
        List<Datum> rows = new ArrayList<>();
        for (Datum next = seq.next(); next != null; next = seq.next()) {
            if (rows.size() >= limit) {
                throw Values.arrayLimit(limit);
            }
            Datum d = QueryControl.heldForm(next);
            charge.accept(control.sizeOf(d));
            rows.add(d);
        }
        return rows;
    }

    /** The distinct values of {@code seq} in RethinkDB's order, each charged to the budget. */
    private static TreeSet<Datum> distinctValues(Sequence seq, int limit, QueryControl control, LongConsumer charge) {
        TreeSet<Datum> set = new TreeSet<>(DatumOrder.COMPARATOR);
        for (Datum next = seq.next(); next != null; next = seq.next()) {
            // Each row is compared with many: decoded once and kept (and charged so), not per comparison.
            Datum d = next instanceof ObjectDatum o ? o.keepingDecoded() : next;
            if (set.add(d)) {
                charge.accept(control.sizeOf(d));
            }
            if (set.size() > limit) {
                throw Values.arrayLimit(limit);
            }
        }
        return set;
    }

    /** The distinct index values of rows read in index order. */
    private static Sequence distinctIndexValues(TableValue slice, IndexValues keys, Env env) {
        Sequence rows = slice.scan();
        if (keys.isMulti()) {
            // A multi-index row appears once per value: collect the values within the range,
            // each charged to the query's budget as the other distinct buffers are.
            TreeSet<Datum> set = new TreeSet<>(DatumOrder.COMPARATOR);
            int limit = env.context().arrayLimit();
            QueryControl control = env.context().control();
            try (rows; QueryControl.Buffer held = control.buffer()) {
                for (Datum d = rows.next(); d != null; d = rows.next()) {
                    for (Datum k : keys.keys(d)) {
                        if (inRange(slice.range(), k) && set.add(k)) {
                            held.add(control.sizeOf(k));
                        }
                    }
                    if (set.size() > limit) {
                        throw Values.arrayLimit(limit);
                    }
                }
                held.keep();
            }
            List<Datum> out = new ArrayList<>(slice.descending() ? set.descendingSet() : set);
            return Streams.of(out.iterator(), null, false);
        }
        Datum[] last = {null};
        return Streams.generate(() -> {
            for (Datum row = rows.next(); row != null; row = rows.next()) {
                List<Datum> ks = keys.keys(row);
                if (ks.isEmpty()) {
                    continue;
                }
                Datum k = ks.get(0);
                if (last[0] == null || DatumOrder.compare(last[0], k) != 0) {
                    last[0] = k;
                    return k;
                }
            }
            return null;
        }, rows::close, false);
    }

    private static boolean inRange(io.reqldb.storage.KeyRange r, Datum k) {
        if (r == null) {
            return true;
        }
        if (r.lower() != null && !(r.lower() instanceof io.reqldb.datum.ExtremeDatum)) {
            int c = DatumOrder.compare(k, r.lower());
            if (c < 0 || (c == 0 && !r.lowerClosed())) {
                return false;
            }
        }
        if (r.upper() != null && !(r.upper() instanceof io.reqldb.datum.ExtremeDatum)) {
            int c = DatumOrder.compare(k, r.upper());
            if (c > 0 || (c == 0 && !r.upperClosed())) {
                return false;
            }
        }
        return true;
    }
}
