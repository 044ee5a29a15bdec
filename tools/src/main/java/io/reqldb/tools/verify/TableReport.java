package io.reqldb.tools.verify;

import io.reqldb.tools.archive.TableInfo;

/** What an archive holds for one table. Mutable while the archive is being read. */
public final class TableReport {
    private final String db;
    private final String table;
    private TableInfo info;
    private String dataExtension;
    private long rows;
    private long dataBytes;

    TableReport(String db, String table) {
        this.db = db;
        this.table = table;
    }

    /** Database name (the archive folder). */
    public String db() {
        return db;
    }

    /** Table name (the file name). */
    public String table() {
        return table;
    }

    /** {@code db.table}. */
    public String qualifiedName() {
        return db + "." + table;
    }

    /** The parsed {@code .info}, or null when the archive has none for this table. */
    public TableInfo info() {
        return info;
    }

    /** "json" or "csv", or null when the archive has no data file for this table. */
    public String dataExtension() {
        return dataExtension;
    }

    /** Rows in the data file. */
    public long rows() {
        return rows;
    }

    /** Uncompressed size of the data file. */
    public long dataBytes() {
        return dataBytes;
    }

    void info(TableInfo value) {
        info = value;
    }

    void data(String extension, long rowCount, long bytes) {
        dataExtension = extension;
        rows = rowCount;
        dataBytes = bytes;
    }
}
