package io.reqldb.query.eval;

import io.reqldb.query.error.ReqlError;
import io.reqldb.storage.KeyRange;
import io.reqldb.storage.StorageException;
import java.util.function.UnaryOperator;

/**
 * A table, or a slice of it in index order ({@code between}, {@code order_by({index})}).
 *
 * @param ref        the table
 * @param index      the index the slice ranges over, or null for the primary key
 * @param range      the range of index values, or null for all of them
 * @param descending read in descending order (only meaningful when {@code ordered})
 * @param ordered    whether order_by asked for index order
 * @param blame      makes a failure to read the index (missing, not ready) the error of the term
 *                   that made the slice, as RethinkDB's slices carry that term's backtrace: the
 *                   index is only looked up when the slice is read, wherever that happens
 */
public record TableValue(TableRef ref, String index, KeyRange range, boolean descending, boolean ordered,
                         UnaryOperator<ReqlError> blame) {

    public TableValue(TableRef ref, String index, KeyRange range, boolean descending, boolean ordered) {
        this(ref, index, range, descending, ordered, UnaryOperator.identity());
    }

    public static TableValue of(TableRef ref) {
        return new TableValue(ref, null, null, false, false);
    }

    /** This slice, its index read failures blamed on the term that {@code blame} anchors them at. */
    public TableValue blamedOn(UnaryOperator<ReqlError> blame) {
        return new TableValue(ref, index, range, descending, ordered, blame);
    }

    /** RethinkDB's error for a failure to read this slice's index, blamed as {@link #blame} says. */
    public RuntimeException indexError(StorageException e) {
        RuntimeException error = ref.translate(e, index);
        return error instanceof ReqlError reql ? blame.apply(reql) : error;
    }

    public boolean isSlice() {
        return index != null || range != null || ordered;
    }

    /** The name of the index used, the primary key when none was named. */
    public String indexName() {
        return index != null ? index : ref.primaryKey();
    }

    public boolean usesPrimaryIndex() {
        return index == null || index.equals(ref.primaryKey());
    }

    /** A fresh stream over the rows. */
    public Sequence scan() {
        KeyRange r = range != null ? range : KeyRange.ALL;
        if (usesPrimaryIndex()) {
            return new CursorSequence(ref, () -> ref.storage().scan(r, descending), !isSlice());
        }
        return new CursorSequence(ref, () -> {
            try {
                return ref.storage().indexScan(index, r, descending);
            } catch (StorageException e) {
                throw indexError(e);
            }
        });
    }
}
