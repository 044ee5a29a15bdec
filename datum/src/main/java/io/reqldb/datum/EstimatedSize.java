package io.reqldb.datum;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * A cheap estimate of a value's JSON size, for sizing batches without serializing twice. An
 * object remembers its estimate ({@link ObjectDatum#estimatedSize}), so a change object that a
 * hundred changefeeds hand out is measured once.
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

    /**
     * About the memory {@code d} holds, as opposed to the length of its text: each array, object
     * and long string counts once however often it recurs, so a fold that builds
     * {@code [acc, acc]} holds a few bytes per step, while one that builds {@code [acc, x]} with a
     * new string {@code x} each step holds them all. Done once the count passes {@code cap}
     * (it then returns some number above {@code cap}). Walked with a work list; an array of
     * scalars allocates nothing.
     */
    public static long held(Datum d, long cap) {
        if (!(d instanceof ArrayDatum)) {
            return of(d);
        }
        long n = 0;
        Set<Datum> seen = null;
        ArrayDeque<Datum> pending = null;
        Datum next = d;
        while (true) {
            if (next instanceof ArrayDatum a) {
                n += 2 + a.size();
                for (Datum item : a.items()) {
                    if (item instanceof ArrayDatum || item instanceof ObjectDatum
                            || item instanceof StringDatum s && s.value().length() > SHARED_STRING_LENGTH) {
                        if (seen == null) {
                            seen = Collections.newSetFromMap(new IdentityHashMap<>());
                            pending = new ArrayDeque<>();
                        }
                        if (seen.add(item)) {
                            pending.push(item);
                        }
                    } else {
                        n += of(item);
                    }
                }
            } else {
                n += of(next);
            }
            if (n > cap || pending == null || pending.isEmpty()) {
                return n;
            }
            next = pending.pop();
        }
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
