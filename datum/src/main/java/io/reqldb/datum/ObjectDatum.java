package io.reqldb.datum;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable object whose keys are kept in RethinkDB's order (code-point order, as RethinkDB
 * sorts the UTF-8 bytes of keys), so iteration and JSON output match the real server.
 *
 * <p>An object with {@code $reql_type$: "GEOMETRY"} is a geometry pseudo-type and reports
 * {@link DatumType#GEOMETRY}.
 *
 * <p>A document read from a table may still be in its stored form ({@link #encoded}): its fields
 * are decoded on first use, and until then, or if a query never looks inside it, its JSON is
 * written straight from the stored bytes.
 */
public final class ObjectDatum implements Datum {
    public static final String REQL_TYPE = "$reql_type$";
    public static final ObjectDatum EMPTY = new ObjectDatum(Collections.emptySortedMap());

    /**
     * The fields; null until first used for an object read in its {@link #encoded stored form}.
     * Volatile because such an object may be shared between threads (one change sent to many
     * feeds) and decoding publishes a map built after construction.
     */
    private volatile SortedMap<String, Datum> fields;
    /** The stored form of an object read from a table, or null. */
    private final EncodedObject encoded;

    /** {@link #type()}, found on first use: a key lookup that hot paths would otherwise repeat. */
    private DatumType type;
    /**
     * {@link #estimatedSize()}, found on first use (0 until then; never 0 once known). An int fits
     * in the object's padding, so remembering it costs no memory.
     */
    private int estimatedSize;
    /** {@link #heapSize()}, found on first use (0 until then); fits in the padding too. */
    private int heapSize;

    /**
     * For an object that many responses carry ({@link #wrapShared}): {@link DatumJson}'s memo of
     * its JSON text, {@link #NOT_WRITTEN} until first written. Null for every other object, whose
     * text is never kept (documents would otherwise be held twice).
     */
    private volatile Object sharedJson;
    private static final Object NOT_WRITTEN = new Object();

    /** See {@link #knownWithoutBounds()}. */
    private boolean withoutBounds;
    /** See {@link #storedOnly()}: decoded fields are used once and never kept. */
    private boolean keepsNoDecoded;
    /**
     * Whether one field has been read from the stored form without decoding it: a row is often
     * read for one field (a group key, a filter's field, a sum), and finding one field in the
     * record costs far less than decoding every field. The next read decodes. Not volatile: a
     * lost update costs one more record scan.
     */
    private boolean readOneField;

    private ObjectDatum(SortedMap<String, Datum> fields) {
        this.fields = fields;
        this.encoded = null;
    }

    private ObjectDatum(EncodedObject encoded, DatumType type) {
        this.encoded = encoded;
        this.type = type;
        this.estimatedSize = Math.max(1, encoded.size());
        this.withoutBounds = true; // stores hold no r.minval or r.maxval
    }

    /**
     * An object in the form a store keeps it, decoded only when its fields are first used.
     *
     * @param type {@link DatumType#OBJECT} or, for a geometry, {@link DatumType#GEOMETRY}: known
     *             from the stored form, so that checking a result's type decodes nothing
     */
    public static ObjectDatum encoded(EncodedObject encoded, DatumType type) {
        return new ObjectDatum(encoded, type);
    }

    /** The stored form this object was read in, or null for an object built in memory. */
    EncodedObject encodedForm() {
        return encoded;
    }

    /**
     * This object as a query should hold it among many others (the rows it sorts, groups or
     * gathers into an array): an object read from a table becomes one that keeps only its stored
     * form, about a fifth of the heap the decoded fields take, and decodes what is asked of it
     * each time without keeping it (one field alone for {@link #get} and {@link #has}); an object
     * built in memory is itself. The heap it takes is then what {@link HeapSize} counts for it,
     * however often it is read.
     */
    public ObjectDatum storedOnly() {
        if (encoded == null || keepsNoDecoded) {
            return this;
        }
        ObjectDatum held = new ObjectDatum(encoded, type);
        held.keepsNoDecoded = true;
        return held;
    }

    /**
     * The inverse of {@link #storedOnly}: an object that keeps what it decodes, for a term that
     * reads whole objects many times over (a set of distinct rows compares each with many
     * others), at the heap of the decoded object.
     */
    public ObjectDatum keepingDecoded() {
        return keepsNoDecoded ? new ObjectDatum(encoded, type) : this;
    }

    /** Whether this object keeps only its stored form ({@link #storedOnly}). */
    boolean keepsNoDecoded() {
        return keepsNoDecoded;
    }

    /**
     * An object from {@code n} keys already in RethinkDB's key order (strictly ascending) and their
     * values, built in linear time without comparing keys; decoders of sorted records use it.
     * The caller must have checked the order and must not reuse the arrays' contents.
     */
    public static ObjectDatum ofSorted(String[] keys, Datum[] values, int n) {
        if (n == 0) {
            return EMPTY;
        }
        TreeMap<String, Datum> m = newFieldMap();
        // TreeMap.putAll of a SortedMap with an equal comparator builds the tree from the sorted
        // entries directly instead of inserting them one by one.
        m.putAll(new SortedArrays(keys, values, n));
        ObjectDatum object = new ObjectDatum(Collections.unmodifiableSortedMap(m));
        object.type = sortedType(keys, values, n);
        object.withoutBounds = Bounds.noneIn(values, n);
        return object;
    }

    /**
     * True when it is known, from how the object was built, that no {@code r.minval} or
     * {@code r.maxval} is inside it at any depth; false when that is not known. Objects decoded
     * from sorted records know it, so the check every query result gets costs them nothing.
     */
    public boolean knownWithoutBounds() {
        return withoutBounds;
    }

    /**
     * {@link #type()} from sorted keys, without a map lookup: {@code $reql_type$} can only be
     * among the keys that start with a character up to {@code $}, which come first.
     */
    private static DatumType sortedType(String[] keys, Datum[] values, int n) {
        for (int i = 0; i < n; i++) {
            String key = keys[i];
            if (!key.isEmpty() && key.charAt(0) > '$') {
                break;
            }
            if (key.equals(REQL_TYPE)) {
                return values[i] instanceof StringDatum s && s.value().equals("GEOMETRY")
                        ? DatumType.GEOMETRY : DatumType.OBJECT;
            }
        }
        return DatumType.OBJECT;
    }

    /** A new, empty map ordered as RethinkDB orders keys, for building objects. */
    public static TreeMap<String, Datum> newFieldMap() {
        return new TreeMap<>(StringOrder.CODE_POINT);
    }

    /** Wraps a map from {@link #newFieldMap()} that the caller will never change again. */
    public static ObjectDatum wrap(TreeMap<String, Datum> fields) {
        return fields.isEmpty() ? EMPTY : new ObjectDatum(Collections.unmodifiableSortedMap(fields));
    }

    /**
     * Like {@link #wrap}, for an object that many responses will carry (one changefeed change
     * sent to a hundred feeds): its JSON text is built once and then copied.
     */
    public static ObjectDatum wrapShared(TreeMap<String, Datum> fields) {
        ObjectDatum o = new ObjectDatum(Collections.unmodifiableSortedMap(fields));
        o.sharedJson = NOT_WRITTEN;
        return o;
    }

    /** The memo of {@link #wrapShared} objects (null for others). */
    Object sharedJson() {
        return sharedJson;
    }

    void rememberJson(Object json) {
        sharedJson = json;
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
        return sortedFields();
    }

    private SortedMap<String, Datum> sortedFields() {
        SortedMap<String, Datum> known = fields;
        if (known == null) {
            // Two threads may both decode; each gets an equal map and one of them is kept.
            known = encoded.decode().sortedFields();
            if (!keepsNoDecoded) {
                fields = known;
            }
        }
        return known;
    }

    /** The field's value, or Java null when absent. */
    public Datum get(String key) {
        if (keepsNoDecoded) {
            return encoded.field(key);
        }
        if (fields == null && !readOneField) {
            readOneField = true;
            return encoded.field(key);
        }
        return sortedFields().get(key);
    }

    public boolean has(String key) {
        if (keepsNoDecoded) {
            return encoded.field(key) != null;
        }
        return sortedFields().containsKey(key);
    }

    public int size() {
        return sortedFields().size();
    }

    /** A mutable copy in key order, for terms that build a changed object. */
    public TreeMap<String, Datum> toMutableMap() {
        TreeMap<String, Datum> copy = newFieldMap();
        copy.putAll(sortedFields());
        return copy;
    }

    /** The {@code $reql_type$} value when this object is a pseudo-type, else Java null. */
    public String reqlType() {
        // Asked of every row a field is read from: looked up in a record not yet decoded without
        // spending the one field read that decodes nothing (see readOneField).
        Datum t = fields == null && encoded != null ? encoded.field(REQL_TYPE) : get(REQL_TYPE);
        return t instanceof StringDatum s ? s.value() : null;
    }

    @Override
    public DatumType type() {
        DatumType t = type;
        if (t == null) {
            // A benign race: every thread computes the same value from immutable fields.
            t = "GEOMETRY".equals(reqlType()) ? DatumType.GEOMETRY : DatumType.OBJECT;
            type = t;
        }
        return t;
    }

    /** {@link EstimatedSize} of this object, computed once (a benign race, like {@link #type}). */
    long estimatedSize() {
        int known = estimatedSize;
        if (known != 0) {
            return known;
        }
        long n = 2;
        for (Map.Entry<String, Datum> e : sortedFields().entrySet()) {
            n += e.getKey().length() + 4 + EstimatedSize.of(e.getValue());
        }
        estimatedSize = (int) Math.min(n, Integer.MAX_VALUE);
        return n;
    }

    /**
     * {@link HeapSize} of this object, computed once (a benign race, like {@link #type}): so that
     * an array that holds it, re-measured at every step of a fold, does not walk it again.
     */
    long heapSize() {
        int known = heapSize;
        if (known != 0) {
            return known;
        }
        long n = HeapSize.atMost(this, Integer.MAX_VALUE);
        heapSize = (int) Math.min(n, Integer.MAX_VALUE);
        return n;
    }

    @Override
    public boolean equals(Object o) {
        // The same object first: an object in stored form would otherwise be decoded to compare.
        return this == o || (o instanceof ObjectDatum d && d.sortedFields().equals(sortedFields()));
    }

    @Override
    public int hashCode() {
        return sortedFields().hashCode();
    }

    @Override
    public String toString() {
        return DatumJson.write(this);
    }

    /**
     * Sorted key and value arrays seen as a {@link SortedMap}, only for handing to
     * {@link TreeMap#putAll}, which reads its size, comparator and entries in order. One entry
     * object is reused for every position because that reader copies the key and value at once.
     */
    private static final class SortedArrays extends AbstractMap<String, Datum>
            implements SortedMap<String, Datum> {
        private final String[] keys;
        private final Datum[] values;
        private final int n;

        SortedArrays(String[] keys, Datum[] values, int n) {
            this.keys = keys;
            this.values = values;
            this.n = n;
        }

        @Override
        public int size() {
            return n;
        }

        @Override
        public Comparator<? super String> comparator() {
            return StringOrder.CODE_POINT;
        }

        @Override
        public Set<Map.Entry<String, Datum>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public int size() {
                    return n;
                }

                @Override
                public Iterator<Map.Entry<String, Datum>> iterator() {
                    return new Iterator<>() {
                        private final Cursor entry = new Cursor();

                        @Override
                        public boolean hasNext() {
                            return entry.at + 1 < n;
                        }

                        @Override
                        public Map.Entry<String, Datum> next() {
                            if (!hasNext()) {
                                throw new NoSuchElementException();
                            }
                            entry.at++;
                            return entry;
                        }
                    };
                }
            };
        }

        /** The entry at one position of the arrays. */
        private final class Cursor implements Map.Entry<String, Datum> {
            private int at = -1;

            @Override
            public String getKey() {
                return keys[at];
            }

            @Override
            public Datum getValue() {
                return values[at];
            }

            @Override
            public Datum setValue(Datum value) {
                throw new UnsupportedOperationException();
            }
        }

        @Override
        public SortedMap<String, Datum> subMap(String from, String to) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SortedMap<String, Datum> headMap(String to) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SortedMap<String, Datum> tailMap(String from) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String firstKey() {
            return keys[0];
        }

        @Override
        public String lastKey() {
            return keys[n - 1];
        }
    }
}
