package io.reqldb.tools.export;

import io.reqldb.tools.ToolException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@code -e}/{@code -i}/{@code -r} value: a database, or one table ({@code table} non-null). */
public record TableSelector(String db, String table) {
    private static final Pattern FORMAT = Pattern.compile("^([\\w-]+)(\\.([\\w-]+))?$");

    /** Parses with the official checks and messages. */
    public static TableSelector parse(String value) {
        Matcher m = FORMAT.matcher(value);
        if (!m.matches()) {
            throw ToolException.usage("Invalid db or db.table name: " + value);
        }
        if (m.group(1).equals("rethinkdb")) {
            throw ToolException.usage("The `rethinkdb` database is special and cannot be used here");
        }
        return new TableSelector(m.group(1), m.group(3));
    }

    /** True when this selector covers the table. */
    public boolean matches(String db, String table) {
        return this.db.equals(db) && (this.table == null || this.table.equals(table));
    }
}
