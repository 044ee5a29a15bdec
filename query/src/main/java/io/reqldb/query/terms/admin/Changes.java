package io.reqldb.query.terms.admin;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import java.util.TreeMap;

/** Builders for the admin result objects: {@code {tables_created: 1, config_changes: [...]}}. */
public final class Changes {
    private Changes() {
    }

    /** {@code [{old_val, new_val}]}. */
    public static ArrayDatum pair(Datum oldVal, Datum newVal) {
        TreeMap<String, Datum> m = ObjectDatum.newFieldMap();
        m.put("old_val", oldVal);
        m.put("new_val", newVal);
        return ArrayDatum.of(ObjectDatum.wrap(m));
    }

    /** An object from alternating keys and values (numbers become NumberDatum). */
    public static ObjectDatum result(Object... kv) {
        TreeMap<String, Datum> m = ObjectDatum.newFieldMap();
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            m.put((String) kv[i], v instanceof Number n ? NumberDatum.of(n.doubleValue()) : (Datum) v);
        }
        return ObjectDatum.wrap(m);
    }
}
