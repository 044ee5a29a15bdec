package io.reqldb.query.terms.seq;

import java.util.List;
import java.util.function.BiPredicate;

/**
 * A stable merge sort that asks "is a less than b" in the very sequence RethinkDB's in-memory
 * {@code order_by} does (libstdc++'s {@code std::stable_sort} with its full temporary buffer):
 * halves split at {@code (n + 1) / 2}, insertion-sorted runs of 7, merges through a buffer.
 *
 * <p>Any stable sort gives the same order; the sequence matters because RethinkDB computes sort
 * keys inside the comparison, so when several rows' keys fail, the error reported is that of the
 * first row the comparisons reach ({@code r.expr([1, 2, 3]).orderBy('foo')} blames {@code 2}).
 */
public final class RethinkDbStableSort {
    private static final int CHUNK = 7;

    private RethinkDbStableSort() {
    }

    /** Sorts {@code items} in place; {@code less.test(a, b)} is RethinkDB's {@code lt_cmp(a, b)}. */
    public static <T> void sort(List<T> items, BiPredicate<T, T> less) {
        int n = items.size();
        if (n < 2) {
            return;
        }
        @SuppressWarnings("unchecked")
        T[] a = (T[]) items.toArray();
        @SuppressWarnings("unchecked")
        T[] buffer = (T[]) new Object[n];
        int middle = (n + 1) / 2;
        mergeSortWithBuffer(a, 0, middle, buffer, less);
        mergeSortWithBuffer(a, middle, n, buffer, less);
        mergeHalves(a, 0, middle, n, buffer, less);
        for (int i = 0; i < n; i++) {
            items.set(i, a[i]);
        }
    }

    /** Runs of {@link #CHUNK} sorted by insertion, then merged pairwise into the buffer and back. */
    private static <T> void mergeSortWithBuffer(T[] a, int first, int last, T[] buffer, BiPredicate<T, T> less) {
        int len = last - first;
        int step = CHUNK;
        int start = first;
        while (last - start >= step) {
            insertionSort(a, start, start + step, less);
            start += step;
        }
        insertionSort(a, start, last, less);
        while (step < len) {
            mergeLoop(a, first, last, buffer, 0, step, less);
            step *= 2;
            mergeLoop(buffer, 0, len, a, first, step, less);
            step *= 2;
        }
    }

    private static <T> void insertionSort(T[] a, int first, int last, BiPredicate<T, T> less) {
        if (first == last) {
            return;
        }
        for (int i = first + 1; i < last; i++) {
            T value = a[i];
            if (less.test(value, a[first])) {
                System.arraycopy(a, first, a, first + 1, i - first);
                a[first] = value;
            } else {
                int hole = i;
                while (less.test(value, a[hole - 1])) {
                    a[hole] = a[hole - 1];
                    hole--;
                }
                a[hole] = value;
            }
        }
    }

    /** Merges neighbouring runs of {@code step} from {@code in[first, last)} into {@code out} from {@code to}. */
    private static <T> void mergeLoop(T[] in, int first, int last, T[] out, int to, int step,
                                      BiPredicate<T, T> less) {
        int twoSteps = 2 * step;
        while (last - first >= twoSteps) {
            to = merge(in, first, first + step, first + step, first + twoSteps, out, to, less);
            first += twoSteps;
        }
        int mid = first + Math.min(last - first, step);
        merge(in, first, mid, mid, last, out, to, less);
    }

    /** A forward merge that takes the right run's element only when it is strictly less. */
    private static <T> int merge(T[] in1, int first1, int last1, T[] in2OrSame, int first2, int last2,
                                 T[] out, int to, BiPredicate<T, T> less) {
        while (first1 != last1 && first2 != last2) {
            if (less.test(in2OrSame[first2], in1[first1])) {
                out[to++] = in2OrSame[first2++];
            } else {
                out[to++] = in1[first1++];
            }
        }
        while (first1 != last1) {
            out[to++] = in1[first1++];
        }
        while (first2 != last2) {
            out[to++] = in2OrSame[first2++];
        }
        return to;
    }

    private static <T> int merge(T[] in, int first1, int last1, int first2, int last2, T[] out, int to,
                                 BiPredicate<T, T> less) {
        return merge(in, first1, last1, in, first2, last2, out, to, less);
    }

    /**
     * The final merge of the two sorted halves: the shorter (or equal) left half is moved to the
     * buffer and merged forwards, else the right half is moved and merged backwards.
     */
    private static <T> void mergeHalves(T[] a, int first, int middle, int last, T[] buffer, BiPredicate<T, T> less) {
        int len1 = middle - first;
        int len2 = last - middle;
        if (len1 <= len2) {
            System.arraycopy(a, first, buffer, 0, len1);
            merge(buffer, 0, len1, a, middle, last, a, first, less);
            return;
        }
        System.arraycopy(a, middle, buffer, 0, len2);
        int last1 = middle - 1;
        int last2 = len2 - 1;
        int result = last;
        while (true) {
            if (less.test(buffer[last2], a[last1])) {
                a[--result] = a[last1];
                if (last1 == first) {
                    System.arraycopy(buffer, 0, a, result - (last2 + 1), last2 + 1);
                    return;
                }
                last1--;
            } else {
                a[--result] = buffer[last2];
                if (last2 == 0) {
                    return;
                }
                last2--;
            }
        }
    }
}
