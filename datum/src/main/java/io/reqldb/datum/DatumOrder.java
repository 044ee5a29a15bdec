package io.reqldb.datum;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * RethinkDB's total order over values: first by type ({@link DatumType} order), then within the
 * type. Arrays compare element-wise then by length, objects by their sorted (key, value) pairs,
 * strings by code point, binary by unsigned bytes, times by instant.
 */
public final class DatumOrder {
    public static final Comparator<Datum> COMPARATOR = DatumOrder::compare;

    private DatumOrder() {
    }

    public static int compare(Datum a, Datum b) {
        DatumType ta = a.type();
        DatumType tb = b.type();
        if (ta != tb) {
            return ta.compareTo(tb);
        }
        return switch (ta) {
            case NULL, MINVAL, MAXVAL -> 0;
            case BOOL -> Boolean.compare(((BoolDatum) a).value(), ((BoolDatum) b).value());
            case NUMBER -> Double.compare(((NumberDatum) a).value() + 0.0, ((NumberDatum) b).value() + 0.0);
            case STRING -> StringOrder.compare(((StringDatum) a).value(), ((StringDatum) b).value());
            case ARRAY -> compareLists(((ArrayDatum) a).items(), ((ArrayDatum) b).items());
            case OBJECT, GEOMETRY -> compareObjects((ObjectDatum) a, (ObjectDatum) b);
            // + 0.0: a time at -0.0 seconds is the same instant as one at 0.0 (as the key encoding says).
            case TIME -> Double.compare(((TimeDatum) a).epochSeconds() + 0.0, ((TimeDatum) b).epochSeconds() + 0.0);
            case BINARY -> Arrays.compareUnsigned(((BinaryDatum) a).bytes(), ((BinaryDatum) b).bytes());
        };
    }

    private static int compareLists(List<Datum> a, List<Datum> b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            int c = compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static int compareObjects(ObjectDatum a, ObjectDatum b) {
        Iterator<Map.Entry<String, Datum>> ia = a.fields().entrySet().iterator();
        Iterator<Map.Entry<String, Datum>> ib = b.fields().entrySet().iterator();
        while (ia.hasNext() && ib.hasNext()) {
            Map.Entry<String, Datum> ea = ia.next();
            Map.Entry<String, Datum> eb = ib.next();
            int c = StringOrder.compare(ea.getKey(), eb.getKey());
            if (c != 0) {
                return c;
            }
            c = compare(ea.getValue(), eb.getValue());
            if (c != 0) {
                return c;
            }
        }
        return Boolean.compare(ia.hasNext(), ib.hasNext());
    }
}
