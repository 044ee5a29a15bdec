package io.reqldb.tools.importer;

import io.reqldb.tools.archive.TableInfo;

/**
 * A table to import: its target and its {@code .info} (null when there is none, for a plain
 * file import). {@code primaryKey} is the key to create the table with, or null for the server
 * default.
 */
public record PlannedTable(String db, String table, TableInfo info, String primaryKey) {
    /** {@code db.table}. */
    public String qualifiedName() {
        return db + "." + table;
    }
}
