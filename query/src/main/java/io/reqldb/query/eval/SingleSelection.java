package io.reqldb.query.eval;

import io.reqldb.datum.Datum;
import io.reqldb.datum.ObjectDatum;

/**
 * One row of a table known by primary key ({@code get}, {@code nth} of a selection): usable as
 * the row's value, and writable through {@code update}, {@code replace}, {@code delete}.
 *
 * <p>A {@code get} its user may not read holds no row until the row is asked for (then the
 * refusal comes): writing through it is a point write, which needs {@code write}, not a read.
 */
public final class SingleSelection {
    private final TableRef table;
    private final Datum primaryKey;
    /** The row as read (NullDatum when absent); null until read. */
    private Datum row;

    /** A row already read. */
    public SingleSelection(TableRef table, Datum primaryKey, Datum row) {
        this.table = table;
        this.primaryKey = primaryKey;
        this.row = row;
    }

    /** The row with this key, read when first asked for. */
    public static SingleSelection byKey(TableRef table, Datum primaryKey) {
        return new SingleSelection(table, primaryKey, null);
    }

    public TableRef table() {
        return table;
    }

    public Datum primaryKey() {
        return primaryKey;
    }

    /** The row (NullDatum when absent). */
    public Datum row() {
        if (row == null) {
            row = table.get(primaryKey);
        }
        return row;
    }

    /**
     * A row picked out of a stream ({@code nth}, {@code min}, {@code max}): a single selection when
     * the stream reads a table, so that it can be written through, else the row itself.
     */
    public static Object ofRow(TableRef table, Datum row) {
        if (table == null || !(row instanceof ObjectDatum o)) {
            return row;
        }
        Datum pk = o.get(table.primaryKey());
        return pk == null ? row : new SingleSelection(table, pk, row);
    }
}
