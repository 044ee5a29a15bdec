package io.reqldb.datum;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * A cheap estimate of a value's JSON size, for sizing batches without serializing twice. An
 * object remembers its estimate ({@link ObjectDatum#estimatedSize}), so a change object that a
 * hundred changefeeds hand out is measured once. And ({@link #held}) the memory a value a query
 * builds step by step holds, its shared parts counted once.
 */
public final class EstimatedSize {
    private EstimatedSize() {
    }

    public static long of(Datum d) {
        if (d instanceof StringDatum s) {
            return s.value().length() + 2;
        }
        if (d instanceof ArrayDatum a) {
            long n = 2;
            for (Datum item : a.items()) {
                n += of(item) + 1;
            }
            return n;
        }
        if (d instanceof ObjectDatum o) {
            return o.estimatedSize();
        }
        return 8;
    }

    /** Strings this long are large enough to be worth recognising when one is held many times. */
    private static final int SHARED_STRING_LENGTH = 256;
    /** Where sums of held sizes stop growing: far beyond any budget, far from overflow. */
    private static final long SATURATED = Long.MAX_VALUE / 4;

    /**
     * About the memory {@code d} holds ({@link HeapSize}'s figures), as opposed to the length of
     * its text: an array, object or long string that an array holds several times counts once there, so a fold that builds
     * {@code [acc, acc]} holds a few bytes per step, while one that builds {@code [acc, x]} with
     * a new string {@code x} each step holds them all.
     *
     * <p>Each array remembers its figure, so a query that checks what it builds at every step
     * (a fold nesting {@code [acc]} 200,000 deep) measures each array once, not the whole value
     * again at every step. The price of remembering: a part shared between different arrays at
     * different depths counts once per array that holds it, an overestimate.
     */
    public static long held(Datum d) {
        return d instanceof ArrayDatum a ? held(a) : heapOf(d);
    }

    /**
     * {@link HeapSize} of a value other than an array; an object remembers its figure. A string
     * is counted at one byte a character without reading it (an array's strings are summed again
     * each time a fold builds a new array around them; text beyond Latin-1 takes twice that).
     */
    private static long heapOf(Datum d) {
        if (d instanceof StringDatum s) {
            return HeapSize.stringDatum(s.value().length());
        }
        return d instanceof ObjectDatum o ? o.heapSize() : HeapSize.atMost(d, SATURATED);
    }

    private static long held(ArrayDatum root) {
        if (root.heldSize >= 0) {
            return root.heldSize;
        }
        // Depth-first with a work list (values nest deeper than the stack allows): an array is
        // summed once every array it holds knows its own figure.
        ArrayDeque<ArrayDatum> arrays = new ArrayDeque<>();
        ArrayDeque<Integer> nextItem = new ArrayDeque<>();
        arrays.push(root);
        nextItem.push(0);
        while (!arrays.isEmpty()) {
            ArrayDatum top = arrays.peek();
            int i = nextItem.pop();
            while (i < top.size() && !(top.get(i) instanceof ArrayDatum child && child.heldSize < 0)) {
                i++;
            }
            if (i < top.size()) {
                nextItem.push(i + 1);
                arrays.push((ArrayDatum) top.get(i));
                nextItem.push(0);
            } else {
                top.heldSize = sumOfItems(top);
                arrays.pop();
            }
        }
        return root.heldSize;
    }

    /** An array's own size plus its items', each container or long string counted once. */
    private static long sumOfItems(ArrayDatum a) {
        long n = HeapSize.array(a.size());
        Set<Datum> seen = null;
        for (Datum item : a.items()) {
            if (item instanceof ArrayDatum || item instanceof ObjectDatum
                    || item instanceof StringDatum s && s.value().length() > SHARED_STRING_LENGTH) {
                if (seen == null) {
                    seen = Collections.newSetFromMap(new IdentityHashMap<>());
                }
                if (seen.add(item)) {
                    n += item instanceof ArrayDatum child ? child.heldSize : heapOf(item);
                }
            } else {
                n += heapOf(item);
            }
            if (n >= SATURATED) {
                return SATURATED;
            }
        }
        return n;
    }

    /**
     * Like {@link #of}, but done once the count passes {@code cap} (it then returns some number
     * above {@code cap}). Arrays are walked with a work list, not recursion, and the walk is
     * bounded by {@code cap}: a value that shares sub-arrays (a fold that builds
     * {@code [acc, acc]}) can be exponentially larger than the memory it takes, and measuring it
     * in full would never end.
     */
    public static long atMost(Datum d, long cap) {
        if (!(d instanceof ArrayDatum)) {
            return of(d);
        }
        long n = 0;
        ArrayDeque<Datum> pending = new ArrayDeque<>();
        pending.push(d);
        while (!pending.isEmpty()) {
            Datum next = pending.pop();
            if (next instanceof ArrayDatum a) {
                // Each item pushed adds one to n, so the list never holds more than cap items.
                n += 2 + a.size();
                if (n > cap) {
                    return n;
                }
                for (Datum item : a.items()) {
                    pending.push(item);
                }
            } else {
                n += of(next);
                if (n > cap) {
                    return n;
                }
            }
        }
        return n;
    }
}
