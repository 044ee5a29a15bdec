package io.reqldb.datum;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable object whose keys are kept in RethinkDB's order (code-point order, as RethinkDB
 * sorts the UTF-8 bytes of keys), so iteration and JSON output match the real server.
 *
 * <p>An object with {@code $reql_type$: "GEOMETRY"} is a geometry pseudo-type and reports
 * {@link DatumType#GEOMETRY}.
 */
public final class ObjectDatum implements Datum {
    public static final String REQL_TYPE = "$reql_type$";
    public static final ObjectDatum EMPTY = new ObjectDatum(Collections.emptySortedMap());

    private final SortedMap<String, Datum> fields;

    private ObjectDatum(SortedMap<String, Datum> fields) {
        this.fields = fields;
    }

    /** A new, empty map ordered as RethinkDB orders keys, for building objects. */
    public static TreeMap<String, Datum> newFieldMap() {
        return new TreeMap<>(StringOrder.CODE_POINT);
    }

    /** Wraps a map from {@link #newFieldMap()} that the caller will never change again. */
    public static ObjectDatum wrap(TreeMap<String, Datum> fields) {
        return fields.isEmpty() ? EMPTY : new ObjectDatum(Collections.unmodifiableSortedMap(fields));
    }

    public static ObjectDatum copyOf(Map<String, ? extends Datum> fields) {
        TreeMap<String, Datum> copy = newFieldMap();
        copy.putAll(fields);
        return wrap(copy);
    }

    public static ObjectDatum of(String key, Datum value) {
        TreeMap<String, Datum> m = newFieldMap();
        m.put(key, value);
        return wrap(m);
    }

    public Map<String, Datum> fields() {
        return fields;
    }

    /** The field's value, or Java null when absent. */
    public Datum get(String key) {
        return fields.get(key);
    }

    public boolean has(String key) {
        return fields.containsKey(key);
    }

    public int size() {
        return fields.size();
    }

    /** A mutable copy in key order, for terms that build a changed object. */
    public TreeMap<String, Datum> toMutableMap() {
        TreeMap<String, Datum> copy = newFieldMap();
        copy.putAll(fields);
        return copy;
    }

    /** The {@code $reql_type$} value when this object is a pseudo-type, else Java null. */
    public String reqlType() {
        return fields.get(REQL_TYPE) instanceof StringDatum s ? s.value() : null;
    }

    @Override
    public DatumType type() {
        return "GEOMETRY".equals(reqlType()) ? DatumType.GEOMETRY : DatumType.OBJECT;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObjectDatum d && d.fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return DatumJson.write(this);
    }
}
