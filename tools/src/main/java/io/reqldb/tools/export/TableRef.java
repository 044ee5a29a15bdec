package io.reqldb.tools.export;

/** A user table, by database and table name. */
public record TableRef(String db, String table) implements Comparable<TableRef> {
    /** {@code db.table}. */
    @Override
    public String toString() {
        return db + "." + table;
    }

    // Written out, not the record's own: those are built from method handles on first use, which
    // in a fresh JVM generates some fifteen classes at run time; a dump uses them as map keys.
    @Override
    public boolean equals(Object o) {
        return o instanceof TableRef t && db.equals(t.db) && table.equals(t.table);
    }

    @Override
    public int hashCode() {
        return db.hashCode() * 31 + table.hashCode();
    }

    @Override
    public int compareTo(TableRef other) {
        int c = db.compareTo(other.db);
        return c != 0 ? c : table.compareTo(other.table);
    }
}
