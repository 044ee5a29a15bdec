package io.reqldb.tools.export;

import io.reqldb.tools.archive.TableInfo;
import java.io.IOException;
import java.io.OutputStream;

/** Where exported tables go: a directory (export) or an archive (dump). Thread-safe. */
public interface TableSink {
    /** Opens the data file {@code <db>/<table>.<extension>}; the caller closes it. */
    OutputStream openData(TableRef table, String extension) throws IOException;

    /** Called once the data file is closed: writes the {@code .info} and completes the table. */
    void finishTable(TableRef table, String extension, TableInfo info) throws IOException;
}
