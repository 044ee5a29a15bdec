package io.reqldb.query.eval;

import io.reqldb.storage.KeyRange;

/**
 * A table, or a slice of it in index order ({@code between}, {@code order_by({index})}).
 *
 * @param ref        the table
 * @param index      the index the slice ranges over, or null for the primary key
 * @param range      the range of index values, or null for all of them
 * @param descending read in descending order (only meaningful when {@code ordered})
 * @param ordered    whether order_by asked for index order
 */
public record TableValue(TableRef ref, String index, KeyRange range, boolean descending, boolean ordered) {

    public static TableValue of(TableRef ref) {
        return new TableValue(ref, null, null, false, false);
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
            } catch (io.reqldb.storage.StorageException e) {
                throw ref.translate(e, index);
            }
        });
    }
}
