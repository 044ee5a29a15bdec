package io.reqldb.query.eval;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Grouped data as clients receive it: {@code {"$reql_type$":"GROUPED_DATA","data":[[group, value], ...]}}. */
public final class GroupedFormat {
    private GroupedFormat() {
    }

    public static Datum toDatum(GroupedData g) {
        g.checkMaterializable();
        List<Datum> pairs = new ArrayList<>(g.groups().size());
        for (Map.Entry<Datum, Object> e : g.groups().entrySet()) {
            pairs.add(ArrayDatum.of(e.getKey(), Values.toDatumMaterialized(e.getValue())));
        }
        TreeMap<String, Datum> m = ObjectDatum.newFieldMap();
        m.put(ObjectDatum.REQL_TYPE, new StringDatum("GROUPED_DATA"));
        m.put("data", ArrayDatum.wrap(pairs));
        return ObjectDatum.wrap(m);
    }

    /** {@code ungroup}: an array of {@code {group, reduction}} objects in group order. */
    public static ArrayDatum ungroup(GroupedData g) {
        g.checkMaterializable();
        List<Datum> out = new ArrayList<>(g.groups().size());
        for (Map.Entry<Datum, Object> e : g.groups().entrySet()) {
            TreeMap<String, Datum> m = ObjectDatum.newFieldMap();
            m.put("group", e.getKey());
            m.put("reduction", Values.toDatumMaterialized(e.getValue()));
            out.add(ObjectDatum.wrap(m));
        }
        return ArrayDatum.wrap(out);
    }
}
