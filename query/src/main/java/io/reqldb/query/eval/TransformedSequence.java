package io.reqldb.query.eval;

import io.reqldb.datum.Datum;
import java.util.function.UnaryOperator;

/**
 * A sequence derived element by element from another: mapped (the function returns the new
 * value) or filtered (it returns the element or Java null to skip it). Filtering keeps the
 * source's table, so {@code filter} on a table is still a selection; mapping does not.
 */
public final class TransformedSequence extends DerivedSequence {
    private final UnaryOperator<Datum> step;

    private TransformedSequence(Sequence source, UnaryOperator<Datum> step, boolean keepsRows) {
        super(source, keepsRows);
        this.step = step;
    }

    /** Each element replaced by {@code f(element)}. */
    public static Sequence map(Sequence source, UnaryOperator<Datum> f) {
        return new TransformedSequence(source, f, false);
    }

    /** The elements for which {@code keep} holds. */
    public static Sequence filter(Sequence source, java.util.function.Predicate<Datum> keep) {
        return new TransformedSequence(source, d -> keep.test(d) ? d : null, true);
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
