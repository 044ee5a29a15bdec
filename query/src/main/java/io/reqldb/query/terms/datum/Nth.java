package io.reqldb.query.terms.datum;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumType;
import io.reqldb.query.error.ReqlNonExistenceError;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.eval.Sequence;
import io.reqldb.query.eval.SingleSelection;
import io.reqldb.query.eval.TableRef;
import io.reqldb.query.eval.TableValue;
import io.reqldb.query.eval.Values;

/**
 * The n-th element of an array or sequence ({@code nth}, and {@code bracket} with a number).
 * Negative indexes count from the end; on streams only -1 is allowed. The n-th row of a table or
 * selection is a single selection, so it can be updated.
 */
public final class Nth {
    private Nth() {
    }

    public static Object of(Object aggregate, long n) {
        if (aggregate instanceof Datum || aggregate instanceof SingleSelection) {
            ArrayDatum arr = (ArrayDatum) Values.expect(Values.toDatum(aggregate), DatumType.ARRAY);
            long real = canonicalize(n, arr.size());
            if (real >= arr.size()) {
                throw new ReqlNonExistenceError("Index out of bounds: " + real);
            }
            return arr.get((int) real);
        }
        TableRef table = aggregate instanceof TableValue t ? t.ref()
                : aggregate instanceof Sequence s ? s.table() : null;
        if (n < -1) {
            throw new ReqlQueryLogicError("Cannot use an index < -1 (" + n + ") on a stream.");
        }
        Sequence stream = Values.toSequence(aggregate);
        if (n == -1 && stream.isInfinite()) {
            stream.close();
            throw Values.infiniteStream();
        }
        try (Sequence seq = stream) {
            Datum last = null;
            long i = 0;
            for (Datum d = seq.next(); d != null; d = seq.next(), i++) {
                if (i == n) {
                    return row(table, d);
                }
                last = d;
            }
            if (n == -1 && last != null) {
                return row(table, last);
            }
            throw new ReqlNonExistenceError("Index out of bounds: " + n);
        }
    }

    private static Object row(TableRef table, Datum d) {
        if (table == null) {
            return d;
        }
        Datum key = d instanceof io.reqldb.datum.ObjectDatum o ? o.get(table.primaryKey()) : null;
        return new SingleSelection(table, key, d);
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
