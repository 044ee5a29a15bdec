package io.reqldb.query.terms.select;

import io.reqldb.query.eval.TableValue;
import io.reqldb.storage.KeyRange;
import io.reqldb.storage.StorageException;

/**
 * {@code count()} of a selection answered by storage from keys alone: a table slice
 * ({@code between}, {@code order_by({index})}) or {@code get_all}. Counting rows this way reads and
 * decodes no document, which is most of the cost of counting by iteration.
 */
public final class StorageCount {
    /** Returned when the value is not a selection storage can count. */
    public static final long NOT_COUNTABLE = -1;

    private StorageCount() {
    }

    /** The number of rows of {@code v}, or {@link #NOT_COUNTABLE}. Consumes a get_all sequence. */
    public static long of(Object v) {
        if (v instanceof GetAllSequence getAll) {
            return getAll.count();
        }
        if (v instanceof TableValue tv) {
            KeyRange range = tv.range() != null ? tv.range() : KeyRange.ALL;
            String index = tv.usesPrimaryIndex() ? null : tv.index();
            try {
                return tv.ref().storage().countRange(index, range);
            } catch (StorageException e) {
                throw tv.indexError(e);
            }
        }
        return NOT_COUNTABLE;
    }
}
