package io.reqldb.tools.export;

/** A user table, by database and table name. */
public record TableRef(String db, String table) implements Comparable<TableRef> {
    /** {@code db.table}. */
    @Override
    public String toString() {
        return db + "." + table;
    }

    @Override
    public int compareTo(TableRef other) {
        int c = db.compareTo(other.db);
        return c != 0 ? c : table.compareTo(other.table);
    }
}
