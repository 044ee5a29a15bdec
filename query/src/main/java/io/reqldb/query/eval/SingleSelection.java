package io.reqldb.query.eval;

import io.reqldb.datum.Datum;
import io.reqldb.datum.ObjectDatum;

/**
 * One row of a table known by primary key ({@code get}, {@code nth} of a selection): usable as
 * the row's value, and writable through {@code update}, {@code replace}, {@code delete}.
 *
 * @param table      the table
 * @param primaryKey the key of the row
 * @param row        the row as read (NullDatum when absent)
 */
public record SingleSelection(TableRef table, Datum primaryKey, Datum row) {

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
