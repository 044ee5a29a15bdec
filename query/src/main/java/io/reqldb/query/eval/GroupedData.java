package io.reqldb.query.eval;

import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumOrder;
import java.util.Map;
import java.util.TreeMap;

/**
 * The result of {@code group}: values (arrays of rows at first, then whatever per-group
 * operations make of them) by group key, in RethinkDB's key order.
 */
public final class GroupedData {
    private final TreeMap<Datum, Object> groups = new TreeMap<>(DatumOrder.COMPARATOR);

    public Map<Datum, Object> groups() {
        return groups;
    }

    public void put(Datum key, Object value) {
        groups.put(key, value);
    }
}
