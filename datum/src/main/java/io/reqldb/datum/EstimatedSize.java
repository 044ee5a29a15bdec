package io.reqldb.datum;

/**
 * A cheap estimate of a value's JSON size, for sizing batches without serializing twice. An
 * object remembers its estimate ({@link ObjectDatum#estimatedSize}), so a change object that a
 * hundred changefeeds hand out is measured once.
 */
public final class EstimatedSize {
    private EstimatedSize() {
    }

    public static long of(Datum d) {
        if (d instanceof StringDatum s) {
            return s.value().length() + 2;
        }
        if (d instanceof ArrayDatum a) {
            long n = 2;
            for (Datum item : a.items()) {
                n += of(item) + 1;
            }
            return n;
        }
        if (d instanceof ObjectDatum o) {
            return o.estimatedSize();
        }
        return 8;
    }
}
