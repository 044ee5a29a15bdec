package io.reqldb.query.feed;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.query.error.ReqlError;
import io.reqldb.query.eval.ArraySequence;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.Sequence;
import io.reqldb.query.term.Term;
import java.util.List;

/**
 * The row-wise steps written between a feed's source and {@code changes()}
 * ({@code table.filter(f).pluck('a').changes()}), re-run on each changed row: every step term is
 * evaluated with its stream argument replaced by a one-row array, so each step behaves exactly as
 * the term family implements it. A row that a step drops, or on which a step fails, is absent
 * (RethinkDB reports such a row as having left the selection). Not thread-safe: terms keep
 * per-evaluation state, so the owning feed calls it under its lock.
 */
final class RowTransform {
    private final List<Term> steps;
    private final Env env;

    RowTransform(List<Term> steps, Env env) {
        this.steps = List.copyOf(steps);
        this.env = env;
    }

    boolean isIdentity() {
        return steps.isEmpty();
    }

    /** The row as the chain shows it, or Java null when absent (also for a null row). */
    Datum apply(Datum row) {
        if (row == null || steps.isEmpty()) {
            return row;
        }
        try {
            Object v = new ArraySequence(List.of(row));
            for (Term step : steps) {
                v = step.evalOn(env, v);
            }
            return single(v);
        } catch (ReqlError e) {
            return null;
        }
    }

    private static Datum single(Object v) {
        if (v instanceof ArrayDatum a) {
            return a.items().isEmpty() ? null : a.items().get(0);
        }
        if (v instanceof Sequence s) {
            try (s) {
                return s.next();
            }
        }
        return v instanceof Datum d ? d : null;
    }
}
