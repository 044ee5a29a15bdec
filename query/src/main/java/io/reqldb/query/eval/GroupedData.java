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
    private boolean stream;

    /** Marks the groups as rows of a stream just grouped ({@code type_of} says GROUPED_STREAM). */
    public GroupedData asStream() {
        stream = true;
        return this;
    }

    public boolean isStream() {
        return stream;
    }

    public Map<Datum, Object> groups() {
        return groups;
    }

    public void put(Datum key, Object value) {
        groups.put(key, value);
    }
}
