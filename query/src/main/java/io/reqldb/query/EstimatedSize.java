package io.reqldb.query;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import java.util.Map;

/** A cheap estimate of a value's JSON size, for sizing batches without serializing twice. */
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
            long n = 2;
            for (Map.Entry<String, Datum> e : o.fields().entrySet()) {
                n += e.getKey().length() + 4 + of(e.getValue());
            }
            return n;
        }
        return 8;
    }
}
