package io.reqldb.storage;

import io.reqldb.datum.Datum;

/**
 * A range of index values. Null bounds are unbounded. Bounds may be {@code ExtremeDatum} minval and
 * maxval, which are the same as unbounded.
 */
public record KeyRange(Datum lower, boolean lowerClosed, Datum upper, boolean upperClosed) {
    public static final KeyRange ALL = new KeyRange(null, true, null, false);

    /** Exactly one value. */
    public static KeyRange exactly(Datum value) {
        return new KeyRange(value, true, value, true);
    }
}
