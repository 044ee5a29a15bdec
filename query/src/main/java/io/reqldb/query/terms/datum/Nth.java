package io.reqldb.query.terms.datum;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumType;
import io.reqldb.query.error.ReqlNonExistenceError;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.eval.Sequence;
import io.reqldb.query.eval.SingleSelection;
import io.reqldb.query.eval.Values;
import io.reqldb.query.term.Term;

/**
 * The n-th element of an array or sequence: {@code nth}, and {@code bracket} with a number (one
 * implementation serves both, as in RethinkDB). Negative indexes count from the end; on streams
 * only -1 is allowed. The n-th row of a table or selection is a single selection, so it can be
 * updated.
 */
public final class Nth {
    private Nth() {
    }

    /** {@code aggregate.nth(n)} for the term {@code t}, whose argument 0 is {@code aggregate}. */
    public static Object of(Term t, Object aggregate, long n) {
        if (aggregate instanceof Datum || aggregate instanceof SingleSelection) {
            Datum d = t.inArg(0, () -> Values.toDatum(aggregate));
            ArrayDatum arr = (ArrayDatum) t.inArg(0, () -> Values.expect(d, DatumType.ARRAY));
            long real = n >= 0 ? n : arr.size() + n;
            if (real < 0 || real >= arr.size()) {
                throw new ReqlNonExistenceError("Index out of bounds: " + n);
            }
            return arr.get((int) real);
        }
        Sequence seq = t.inArg(0, () -> Values.toSequence(aggregate));
        if (n < -1) {
            throw new ReqlQueryLogicError("Cannot use an index < -1 (" + n + ") on a stream.");
        }
        if (n == -1 && seq.isInfinite()) {
            throw Values.infiniteError(seq);
        }
        try (seq) {
            Datum last = null;
            for (long i = 0; ; i++) {
                Datum d = seq.next();
                if (d == null) {
                    if (n == -1 && last != null) {
                        return SingleSelection.ofRow(seq.table(), last);
                    }
                    throw new ReqlNonExistenceError("Index out of bounds: " + n);
                }
                if (i == n) {
                    return SingleSelection.ofRow(seq.table(), d);
                }
                last = d;
            }
        }
    }

    /** A negative index counted from the end; "Index out of bounds: -4" when before the start. */
    public static long canonicalize(long index, long size) {
        if (index >= 0) {
            return index;
        }
        if (-index > size) {
            throw new ReqlNonExistenceError("Index out of bounds: " + index);
        }
        return size + index;
    }
}
