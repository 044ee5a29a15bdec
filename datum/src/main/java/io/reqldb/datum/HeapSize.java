package io.reqldb.datum;

import java.util.ArrayDeque;
import java.util.Map;

/**
 * About the Java heap a value takes, as opposed to the length of its JSON text
 * ({@link EstimatedSize}): what a query's memory budget charges for the rows it buffers (to group,
 * sort or make an array of them). A decoded document takes several times its JSON size: each
 * field is a tree-map entry, a key {@code String} with its byte array, and a value object with its
 * own; a budget counted in JSON bytes let eight concurrent {@code group}s of 100,000 documents of
 * 850 bytes each fill a 1.4 GB heap.
 *
 * <p>The figures are for a 64-bit HotSpot JVM with compressed references and 8-byte alignment (any
 * heap under 32 GB), object header 12 bytes, array header 16: the field layouts of the classes
 * below, summed by hand and checked against the heap measured after a full collection by
 * {@code StoredDocumentHeapTest} (storage: documents read from a table and decoded, and
 * documents decoded alone). They ignore what is shared (the small
 * integers {@link NumberDatum} caches, one string held twice) so they err on the high side.
 */
public final class HeapSize {
    /** {@code String}: header, value reference, hash, coder, hashIsZero (24), plus its byte array. */
    private static final long STRING = 24 + 16;
    /** {@link StringDatum}: header and one reference. */
    private static final long STRING_DATUM = 16;
    /** {@link NumberDatum}: header and a double, aligned. */
    private static final long NUMBER = 24;
    /** {@link TimeDatum}: header, double and zone reference (24), plus the zone string (48). */
    private static final long TIME = 24 + 48;
    /** {@link BinaryDatum} and its byte array's header. */
    private static final long BINARY = 16 + 16;
    /**
     * An {@link ArrayDatum} (32: header, list reference, flag, held size), the unmodifiable view it
     * wraps (24), the {@code ArrayList} (24) and its element array's header (16).
     */
    private static final long ARRAY = 32 + 24 + 24 + 16;
    /** One reference in an element array; {@code ArrayList}s grow by half, so 6 on average. */
    private static final long ARRAY_SLOT = 6;
    /**
     * An {@link ObjectDatum} (40), the unmodifiable sorted view of its fields (32) and the
     * {@code TreeMap} (48); and 32 more that the test measures per object beyond the sum of
     * these layouts.
     */
    private static final long OBJECT = 40 + 32 + 48 + 32;
    /** A {@code TreeMap} entry: header, key, value, left, right, parent, colour. */
    private static final long ENTRY = 40;
    /**
     * An {@link ObjectDatum} that keeps only its stored form ({@link ObjectDatum#storedOnly}):
     * header, references, cached sizes and flags, no map.
     */
    private static final long HELD_OBJECT = 40;
    /** What a document read from a table holds besides its decoded fields: its stored record's wrapper and byte array header. */
    private static final long STORED_FORM = 16 + 16;

    private HeapSize() {
    }

    /**
     * About the bytes {@code d} takes on the heap, counting a stored document as decoded (a query
     * that buffers it may decode it later, and it then holds both forms). Like
     * {@link EstimatedSize#atMost}, done once the count passes {@code cap} (it then returns some
     * number above {@code cap}): walked with a work list, not recursion, and bounded, as a value
     * that shares its parts can be far larger counted in full than the memory it takes.
     */
    public static long atMost(Datum d, long cap) {
        long n = 0;
        ArrayDeque<Datum> pending = null;
        Datum next = d;
        while (true) {
            if (next instanceof ArrayDatum a) {
                n += ARRAY + ARRAY_SLOT * a.size();
                pending = pushAll(pending, a.items());
            } else if (next instanceof ObjectDatum o) {
                EncodedObject stored = o.encodedForm();
                if (stored != null && o.keepsNoDecoded()) {
                    n += HELD_OBJECT + STORED_FORM + align(stored.size());
                } else if (stored != null) {
                    // The decoded size counts this object itself, the one that holds both forms.
                    n += STORED_FORM + stored.size() + stored.decodedHeapSize();
                } else {
                    n += OBJECT;
                    for (Map.Entry<String, Datum> e : o.fields().entrySet()) {
                        n += ENTRY + string(e.getKey());
                        pending = push(pending, e.getValue());
                    }
                }
            } else {
                n += scalar(next);
            }
            if (n > cap || pending == null || pending.isEmpty()) {
                return n;
            }
            next = pending.pop();
        }
    }

    private static ArrayDeque<Datum> push(ArrayDeque<Datum> pending, Datum d) {
        ArrayDeque<Datum> list = pending != null ? pending : new ArrayDeque<>();
        list.push(d);
        return list;
    }

    private static ArrayDeque<Datum> pushAll(ArrayDeque<Datum> pending, Iterable<Datum> items) {
        ArrayDeque<Datum> list = pending != null ? pending : new ArrayDeque<>();
        for (Datum item : items) {
            list.push(item);
        }
        return list;
    }

    private static long scalar(Datum d) {
        if (d instanceof StringDatum s) {
            return STRING_DATUM + string(s.value());
        }
        if (d instanceof NumberDatum) {
            return NUMBER;
        }
        if (d instanceof TimeDatum) {
            return TIME;
        }
        if (d instanceof BinaryDatum b) {
            return BINARY + align(b.length());
        }
        return 0; // null, booleans and the bounds are shared instances
    }

    /** A {@code String} and its bytes: one per character when all are Latin-1, else two. */
    public static long string(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) > 0xFF) {
                return STRING + align(2L * n);
            }
        }
        return STRING + align(n);
    }

    /** A {@link StringDatum} whose string keeps {@code javaBytes} (one per Latin-1 character, else two). */
    public static long stringDatum(long javaBytes) {
        return STRING_DATUM + STRING + align(javaBytes);
    }

    /** A decoded number that is not one of the small integers shared by all. */
    public static long number() {
        return NUMBER;
    }

    /** A decoded time, its zone included. */
    public static long time() {
        return TIME;
    }

    /** A decoded binary value of {@code bytes}. */
    public static long binary(long bytes) {
        return BINARY + align(bytes);
    }

    /** A decoded array of {@code items}, the items themselves not included. */
    public static long array(long items) {
        return ARRAY + ARRAY_SLOT * items;
    }

    /**
     * A decoded object of {@code fields} whose key strings keep {@code keyBytes} in all, its values
     * not included (each key's alignment counted as its most, 8 bytes).
     */
    public static long object(long fields, long keyBytes) {
        return OBJECT + fields * (ENTRY + STRING + 8) + keyBytes;
    }

    private static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }
}
