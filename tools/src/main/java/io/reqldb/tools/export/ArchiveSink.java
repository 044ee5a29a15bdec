package io.reqldb.tools.export;

import io.reqldb.tools.archive.ArchiveWriter;
import io.reqldb.tools.archive.TableInfo;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Dump's sink: each table's data goes to a file in the work directory while it is read, and
 * moves into the archive (and off the disk) as soon as the table is complete. Disk use is thus
 * bounded by the tables in flight, not the whole dump as with the official tool.
 */
public final class ArchiveSink implements TableSink {
    private final DirectorySink work;
    private final ArchiveWriter archive;

    /** Stages data under {@code work} and appends finished tables to {@code archive}. */
    public ArchiveSink(DirectorySink work, ArchiveWriter archive) {
        this.work = work;
        this.archive = archive;
    }

    @Override
    public OutputStream openData(TableRef table, String extension) throws IOException {
        return work.openData(table, extension);
    }

    @Override
    public void finishTable(TableRef table, String extension, TableInfo info) throws IOException {
        String base = table.db() + "/" + table.table();
        archive.addBytes(base + ".info", info.toBytes());
        archive.addFileAndDelete(base + "." + extension, work.file(table, extension));
    }
}
