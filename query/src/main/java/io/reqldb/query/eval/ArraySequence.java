package io.reqldb.query.eval;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import java.util.List;

/** The elements of an array datum. */
public final class ArraySequence extends Sequence {
    private final List<Datum> items;
    private int next;

    public ArraySequence(ArrayDatum array) {
        this.items = array.items();
    }

    public ArraySequence(List<Datum> items) {
        this.items = items;
    }

    @Override
    public Datum next() {
        pollCancellation();
        return next < items.size() ? items.get(next++) : null;
    }

    @Override
    public boolean isArray() {
        return true;
    }
}
