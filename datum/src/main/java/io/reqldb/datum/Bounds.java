package io.reqldb.datum;

import java.util.List;

/**
 * Whether values are known to hold no {@code r.minval} or {@code r.maxval}, which have no JSON
 * form: found when a container is built, from its items alone (scalars, and containers that
 * already know), so checking a whole query result before it is sent need not walk it again.
 */
final class Bounds {
    private Bounds() {}

    static boolean noneIn(Datum[] values, int n) {
        for (int i = 0; i < n; i++) {
            if (!known(values[i])) {
                return false;
            }
        }
        return true;
    }

    static boolean noneIn(List<Datum> items) {
        for (Datum item : items) {
            if (!known(item)) {
                return false;
            }
        }
        return true;
    }

    private static boolean known(Datum d) {
        if (d instanceof ObjectDatum o) {
            return o.knownWithoutBounds();
        }
        if (d instanceof ArrayDatum a) {
            return a.knownWithoutBounds();
        }
        return !(d instanceof ExtremeDatum);
    }
}
