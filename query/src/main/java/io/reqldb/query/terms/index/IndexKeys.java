package io.reqldb.query.terms.index;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumOrder;
import io.reqldb.datum.DatumType;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Which values RethinkDB can index: numbers, strings, booleans, binary, times, geometry, and
 * arrays of those. Null, plain objects and minval/maxval make the document unindexed.
 */
public final class IndexKeys {
    private IndexKeys() {
    }

    public static boolean indexable(Datum d) {
        DatumType t = d.type();
        switch (t) {
            case NUMBER, STRING, BOOL, BINARY, TIME, GEOMETRY:
                return true;
            case ARRAY:
                for (Datum item : ((ArrayDatum) d).items()) {
                    if (!indexable(item)) {
                        return false;
                    }
                }
                return true;
            default:
                return false;
        }
    }

    /** The index keys of a function result: one, none, or (multi) one per distinct array element. */
    public static List<Datum> keys(Datum value, boolean multi, boolean geo) {
        if (geo) {
            try {
                return io.reqldb.query.terms.geo.GeoIndex.keys(value, multi);
            } catch (RuntimeException e) {
                return List.of();
            }
        }
        if (multi && value instanceof ArrayDatum a) {
            TreeSet<Datum> out = new TreeSet<>(DatumOrder.COMPARATOR);
            for (Datum item : a.items()) {
                if (accepts(item, geo)) {
                    out.add(item);
                }
            }
            return new ArrayList<>(out);
        }
        return accepts(value, geo) ? List.of(value) : List.of();
    }

    private static boolean accepts(Datum d, boolean geo) {
        return geo ? d.type() == DatumType.GEOMETRY : indexable(d);
    }
}
