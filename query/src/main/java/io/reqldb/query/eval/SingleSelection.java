package io.reqldb.query.eval;

import io.reqldb.datum.Datum;

/**
 * One row of a table known by primary key ({@code get}, {@code nth} of a selection): usable as
 * the row's value, and writable through {@code update}, {@code replace}, {@code delete}.
 *
 * @param table      the table
 * @param primaryKey the key of the row
 * @param row        the row as read (NullDatum when absent)
 */
public record SingleSelection(TableRef table, Datum primaryKey, Datum row) {
}
