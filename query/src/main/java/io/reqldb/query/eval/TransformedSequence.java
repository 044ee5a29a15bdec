package io.reqldb.query.eval;

import io.reqldb.datum.Datum;
import java.util.function.UnaryOperator;

/**
 * A sequence derived element by element from another: mapped (the function returns the new
 * value) or filtered (it returns the element or Java null to skip it). Filtering keeps the
 * source's table, so {@code filter} on a table is still a selection; mapping does not. A pure
 * step (the same answer for the same element on any thread) splits with its source.
 */
public final class TransformedSequence extends DerivedSequence {
    private final UnaryOperator<Datum> step;
    private final boolean keepsRows;
    private final boolean pure;

    private TransformedSequence(Sequence source, UnaryOperator<Datum> step, boolean keepsRows, boolean pure) {
        super(source, keepsRows);
        this.step = step;
        this.keepsRows = keepsRows;
        this.pure = pure;
    }

    /** Each element replaced by {@code f(element)}. */
    public static Sequence map(Sequence source, UnaryOperator<Datum> f) {
        return map(source, f, false);
    }

    /** @param pure whether {@code f} may run on any thread and gives the same answer there */
    public static Sequence map(Sequence source, UnaryOperator<Datum> f, boolean pure) {
        return new TransformedSequence(source, f, false, pure);
    }

    /** The elements for which {@code keep} holds. */
    public static Sequence filter(Sequence source, java.util.function.Predicate<Datum> keep) {
        return filter(source, keep, false);
    }

    /** @param pure whether {@code keep} may run on any thread and gives the same answer there */
    public static Sequence filter(Sequence source, java.util.function.Predicate<Datum> keep, boolean pure) {
        return new TransformedSequence(source, d -> keep.test(d) ? d : null, true, pure);
    }

    @Override
    public java.util.List<Sequence> split(int parts) {
        java.util.List<Sequence> sources = pure ? source.split(parts) : null;
        if (sources == null) {
            return null;
        }
        return sources.stream().<Sequence>map(s -> new TransformedSequence(s, step, keepsRows, true)).toList();
    }

    @Override
    public Datum next() {
        for (Datum d = source.next(); d != null; d = source.next()) {
            Datum out = step.apply(d);
            if (out != null) {
                return out;
            }
        }
        return null;
    }
}
