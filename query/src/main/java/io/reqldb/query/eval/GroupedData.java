package io.reqldb.query.eval;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumOrder;
import io.reqldb.query.error.ReqlResourceLimitError;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The result of {@code group}: values (arrays of rows at first, then whatever per-group
 * operations make of them) by group key, in RethinkDB's key order.
 */
public final class GroupedData {
    private final TreeMap<Datum, Object> groups = new TreeMap<>(DatumOrder.COMPARATOR);
    private boolean stream;
    private int arrayLimit;

    /**
     * Marks the groups as rows of a stream just grouped ({@code type_of} says GROUPED_STREAM),
     * which may hold at most {@code arrayLimit} rows in all once turned into data (RethinkDB
     * checks the total over the groups, not each group).
     */
    public GroupedData asStream(int arrayLimit) {
        this.stream = true;
        this.arrayLimit = arrayLimit;
        return this;
    }

    /** Marks these groups as derived row by row from the grouped stream {@code source}. */
    public GroupedData asStreamLike(GroupedData source) {
        return source.stream ? asStream(source.arrayLimit) : this;
    }

    public boolean isStream() {
        return stream;
    }

    /**
     * Checks a grouped stream about to become data (a query's result, {@code ungroup}): RethinkDB
     * refuses one whose groups hold more rows in all than the array limit, and says to reduce.
     */
    public void checkMaterializable() {
        if (!stream) {
            return;
        }
        long rows = 0;
        for (Object v : groups.values()) {
            if (v instanceof ArrayDatum a) {
                rows += a.size();
            }
        }
        if (rows > arrayLimit) {
            throw new ReqlResourceLimitError("Grouped data over size limit `" + arrayLimit
                    + "`.  Try putting a reduction (like `.reduce` or `.count`) on the end.");
        }
    }

    /**
     * RethinkDB's rule for an operation on grouped data: the operation applied to each group's
     * value (its result materialised), under the same keys.
     */
    public GroupedData eachGroup(Function<Object, Object> op) {
        GroupedData out = new GroupedData();
        for (Map.Entry<Datum, Object> group : groups.entrySet()) {
            out.put(group.getKey(), Values.toDatumMaterialized(op.apply(group.getValue())));
        }
        return out;
    }

    public Map<Datum, Object> groups() {
        return groups;
    }

    public void put(Datum key, Object value) {
        groups.put(key, value);
    }
}
