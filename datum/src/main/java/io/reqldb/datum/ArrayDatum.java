package io.reqldb.datum;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** An immutable array. */
public final class ArrayDatum implements Datum {
    public static final ArrayDatum EMPTY = new ArrayDatum(List.of());

    private final List<Datum> items;
    /** See {@link #knownWithoutBounds()}. */
    private final boolean withoutBounds;
    /**
     * {@link EstimatedSize#held}'s figure for this array, -1 until first asked. Racing threads
     * compute the same value; a long fits in the object's padding on 64-bit JVMs.
     */
    long heldSize = -1;

    private ArrayDatum(List<Datum> items) {
        this.items = items;
        this.withoutBounds = Bounds.noneIn(items);
    }

    /** Wraps a list the caller promises never to change again (no copy). */
    public static ArrayDatum wrap(List<Datum> items) {
        return items.isEmpty() ? EMPTY : new ArrayDatum(Collections.unmodifiableList(items));
    }

    public static ArrayDatum copyOf(List<? extends Datum> items) {
        return items.isEmpty() ? EMPTY : new ArrayDatum(List.copyOf(items));
    }

    public static ArrayDatum of(Datum... items) {
        return items.length == 0 ? EMPTY : new ArrayDatum(List.of(items));
    }

    /**
     * True when it is known that no {@code r.minval} or {@code r.maxval} is inside the array at
     * any depth: its items are scalars other than those, or containers that know it themselves.
     */
    public boolean knownWithoutBounds() {
        return withoutBounds;
    }

    public List<Datum> items() {
        return items;
    }

    public int size() {
        return items.size();
    }

    public Datum get(int index) {
        return items.get(index);
    }

    /** A mutable copy, for terms that build a changed array. */
    public List<Datum> toMutableList() {
        return new ArrayList<>(items);
    }

    @Override
    public DatumType type() {
        return DatumType.ARRAY;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArrayDatum a && a.items.equals(items);
    }

    @Override
    public int hashCode() {
        return items.hashCode();
    }

    @Override
    public String toString() {
        return DatumJson.write(this);
    }
}
