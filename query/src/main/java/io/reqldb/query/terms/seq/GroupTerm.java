package io.reqldb.query.terms.seq;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumOrder;
import io.reqldb.datum.NullDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.error.ReqlNonExistenceError;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.error.ReqlResourceLimitError;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.GroupedData;
import io.reqldb.query.eval.Sequence;
import io.reqldb.query.eval.TableValue;
import io.reqldb.query.eval.Values;
import io.reqldb.query.limits.QueryControl;
import io.reqldb.query.parallel.PartitionedScan;
import io.reqldb.query.term.Term;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import java.util.function.UnaryOperator;

/**
 * {@code seq.group(fields or functions..., {index, multi})}: rows by group key. One key function
 * gives its value as the key, several an array of values; a missing field groups under null. With
 * {@code multi}, array values put the row in one group per element (an empty array: under null).
 * With {@code index}, the index value is the last key part.
 */
public final class GroupTerm {
    private GroupTerm() {
    }

    public static Object eval(Term t, Env env) {
        return grouped(t, env, GroupFold.ROWS).asStream(env.context().arrayLimit());
    }

    /**
     * {@code group(...).count()}: each group's rows counted as they are met, never held. The
     * answer is the one {@code count} gives applied to each group of {@link #eval}'s.
     */
    public static GroupedData count(Term t, Env env) {
        return grouped(t, env, GroupFold.COUNT);
    }

    private static <A> GroupedData grouped(Term t, Env env, GroupFold<A> fold) {
        List<UnaryOperator<Datum>> funcs = new ArrayList<>();
        List<Object> keyArgs = new ArrayList<>();
        for (int i = 1; i < t.argCount(); i++) {
            Object v = t.arg(env, i);
            keyArgs.add(v);
            int index = i;
            funcs.add(t.inArg(index, () -> Funcs.fieldOrFunc(v)));
        }
        String index = t.optargString(env, "index", null);
        boolean multi = t.optargBool(env, "multi", false);
        Sequence seq;
        IndexValues indexKeys = null;
        if (index != null) {
            Object v0 = t.arg(env, 0);
            TableValue table = t.inArg(0, () -> Funcs.wholeTable(v0));
            if (index.equals(table.ref().primaryKey())) {
                Datum key = new StringDatum(index);
                funcs.add(row -> Rows.getField(row, key));
            } else {
                IndexValues.checkNotGeo(table.ref(), index);
                indexKeys = IndexValues.of(table.ref(), index, env);
            }
            seq = table.scan();
        } else {
            seq = t.seqArg(env, 0);
            List<Sequence> parts = funcs.isEmpty() || !keyArgs.stream().allMatch(PartitionedScan::isPure)
                    ? null : PartitionedScan.split(seq);
            if (parts != null) {
                return output(inParallel(t, parts, funcs, multi, fold, env), fold);
            }
        }
        if (funcs.isEmpty() && indexKeys == null) {
            seq.close();
            throw new ReqlQueryLogicError("Cannot group by nothing.");
        }
        if (seq.isInfinite()) {
            throw Values.infiniteError(seq);
        }
        QueryControl control = env.context().control();
        TreeMap<Datum, A> groups;
        try (seq; QueryControl.Buffer held = control.buffer()) {
            groups = groupRows(t, seq, funcs, indexKeys, multi, fold, env.context().arrayLimit(), control, held::add);
            held.keep();
        }
        return output(groups, fold);
    }

    /**
     * Groups the parts of a split table on every core (see {@link PartitionedScan}): each part
     * groups its rows, then the parts' groups are joined in key order, so every group lists its
     * rows in the order the serial loop meets them, and the first key met stands for its group.
     */
    private static <A> TreeMap<Datum, A> inParallel(Term t, List<Sequence> parts, List<UnaryOperator<Datum>> funcs,
                                                    boolean multi, GroupFold<A> fold, Env env) {
        QueryControl control = env.context().control();
        int limit = env.context().arrayLimit();
        List<TreeMap<Datum, A>> partial = PartitionedScan.fold(parts, control, seq -> fold.holdsRows()
                ? PartitionedScan.charged(control, charge -> groupRows(t, seq, funcs, null, multi, fold, limit, control, charge))
                : groupRows(t, seq, funcs, null, multi, fold, limit, control, bytes -> { }));
        TreeMap<Datum, A> groups = new TreeMap<>(DatumOrder.COMPARATOR);
        for (TreeMap<Datum, A> part : partial) {
            for (Map.Entry<Datum, A> e : part.entrySet()) {
                groups.merge(e.getKey(), e.getValue(), fold.join());
            }
        }
        if (groups.size() > limit) {
            throw new ReqlResourceLimitError("Too many groups (> " + limit + ").");
        }
        return groups;
    }

    private static <A> TreeMap<Datum, A> groupRows(Term t, Sequence seq, List<UnaryOperator<Datum>> funcs,
                                                   IndexValues indexKeys, boolean multi, GroupFold<A> fold, int limit,
                                                   QueryControl control, LongConsumer charge) {
        TreeMap<Datum, A> groups = new TreeMap<>(DatumOrder.COMPARATOR);
        for (Datum next = seq.next(); next != null; next = seq.next()) {
            Datum row = next;
            if (fold.holdsRows()) {
                row = QueryControl.heldForm(next);
                charge.accept(control.sizeOf(row));
            }
            List<Datum> parts = new ArrayList<>(funcs.size() + 1);
            for (int i = 0; i < funcs.size(); i++) {
                Datum r = row;
                UnaryOperator<Datum> f = funcs.get(i);
                parts.add(t.inArg(Math.min(i + 1, t.argCount() - 1), () -> keyPart(f, r)));
            }
            if (indexKeys == null) {
                add(groups, fold, parts, row, multi);
            } else {
                for (Datum k : indexKeys.keys(row)) {
                    List<Datum> withIndex = new ArrayList<>(parts);
                    withIndex.add(k);
                    add(groups, fold, withIndex, row, multi);
                }
            }
            if (groups.size() > limit) {
                throw new ReqlResourceLimitError("Too many groups (> " + limit + ").");
            }
        }
        return groups;
    }

    private static <A> GroupedData output(TreeMap<Datum, A> groups, GroupFold<A> fold) {
        GroupedData out = new GroupedData();
        for (Map.Entry<Datum, A> e : groups.entrySet()) {
            out.put(e.getKey(), fold.result().apply(e.getValue()));
        }
        return out;
    }

    private static Datum keyPart(UnaryOperator<Datum> f, Datum row) {
        try {
            return f.apply(row);
        } catch (ReqlNonExistenceError e) {
            return NullDatum.INSTANCE;
        }
    }

    private static <A> void add(TreeMap<Datum, A> groups, GroupFold<A> fold, List<Datum> parts, Datum row,
                                boolean multi) {
        if (!multi) {
            fold.add().accept(groups.computeIfAbsent(key(parts), k -> fold.start().get()), row);
            return;
        }
        List<List<Datum>> perms = new ArrayList<>();
        for (Datum p : parts) {
            if (p instanceof ArrayDatum a) {
                perms.add(a.size() == 0 ? List.of(NullDatum.INSTANCE) : a.items());
            } else {
                perms.add(List.of(p));
            }
        }
        addPerms(groups, fold, perms, new ArrayList<>(), row);
    }

    private static <A> void addPerms(TreeMap<Datum, A> groups, GroupFold<A> fold, List<List<Datum>> perms,
                                     List<Datum> instance, Datum row) {
        if (instance.size() == perms.size()) {
            fold.add().accept(groups.computeIfAbsent(key(instance), k -> fold.start().get()), row);
            return;
        }
        for (Datum d : perms.get(instance.size())) {
            instance.add(d);
            addPerms(groups, fold, perms, instance, row);
            instance.remove(instance.size() - 1);
        }
    }

    private static Datum key(List<Datum> parts) {
        return parts.size() == 1 ? parts.get(0) : ArrayDatum.copyOf(parts);
    }
}
