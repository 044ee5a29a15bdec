package io.reqldb.query.system;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.BoolDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.NullDatum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Small builders for the rows of the system tables. */
final class Rows {
    private Rows() {
    }

    /** An object from alternating keys and values (values: Datum, String, Number, Boolean, List, null). */
    static ObjectDatum obj(Object... kv) {
        TreeMap<String, Datum> m = ObjectDatum.newFieldMap();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], datum(kv[i + 1]));
        }
        return ObjectDatum.wrap(m);
    }

    static Datum datum(Object v) {
        if (v == null) {
            return NullDatum.INSTANCE;
        }
        if (v instanceof Datum d) {
            return d;
        }
        if (v instanceof String s) {
            return new StringDatum(s);
        }
        if (v instanceof Number n) {
            return NumberDatum.of(n.doubleValue());
        }
        if (v instanceof Boolean b) {
            return BoolDatum.of(b);
        }
        if (v instanceof List<?> l) {
            List<Datum> out = new ArrayList<>();
            l.forEach(x -> out.add(datum(x)));
            return ArrayDatum.wrap(out);
        }
        throw new IllegalArgumentException("not a datum: " + v);
    }

    static StringDatum str(Object o) {
        return new StringDatum(String.valueOf(o));
    }
}
