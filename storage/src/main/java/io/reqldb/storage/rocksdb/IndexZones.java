package io.reqldb.storage.rocksdb;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.datum.TimeDatum;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The time zones of an index value, which {@link io.reqldb.datum.KeyEncoding} leaves out:
 * collected depth-first (array elements in order, object fields in key order) and put back in
 * the same order. Index-key version 2 stores them after the primary key ({@link Keys}).
 */
final class IndexZones {
    private IndexZones() {
    }

    static List<Datum> zonesOf(Datum value) {
        List<Datum> out = new ArrayList<>(0);
        collect(value, out);
        return out;
    }

    /** Whether a value holds a time anywhere. */
    static boolean hasTimes(Datum value) {
        return !zonesOf(value).isEmpty();
    }

    private static void collect(Datum d, List<Datum> out) {
        if (d instanceof TimeDatum t) {
            out.add(new StringDatum(t.timezone()));
        } else if (d instanceof ArrayDatum a) {
            for (Datum item : a.items()) {
                collect(item, out);
            }
        } else if (d instanceof ObjectDatum o) {
            for (Datum v : o.fields().values()) {
                collect(v, out);
            }
        }
    }

    static Datum withZones(Datum value, ArrayDatum zones) {
        int[] next = {0};
        return apply(value, zones.items(), next);
    }

    private static Datum apply(Datum d, List<Datum> zones, int[] next) {
        if (d instanceof TimeDatum t) {
            if (next[0] >= zones.size()) {
                return t;
            }
            return new TimeDatum(t.epochSeconds(), ((StringDatum) zones.get(next[0]++)).value());
        }
        if (d instanceof ArrayDatum a) {
            List<Datum> items = new ArrayList<>(a.items().size());
            for (Datum item : a.items()) {
                items.add(apply(item, zones, next));
            }
            return ArrayDatum.wrap(items);
        }
        if (d instanceof ObjectDatum o && !o.fields().isEmpty()) {
            TreeMap<String, Datum> m = ObjectDatum.newFieldMap();
            for (Map.Entry<String, Datum> e : o.fields().entrySet()) {
                m.put(e.getKey(), apply(e.getValue(), zones, next));
            }
            return ObjectDatum.wrap(m);
        }
        return d;
    }
}
