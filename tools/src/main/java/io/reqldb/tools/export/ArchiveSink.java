package io.reqldb.tools.export;

import io.reqldb.tools.archive.ArchiveWriter;
import io.reqldb.tools.archive.TableInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dump's sink: each table's data is compressed while it is read, into a file in the work
 * directory, and moves into the archive (and off the disk) as soon as the table is complete.
 * Disk use is thus the compressed size of the tables in flight, not the whole dump uncompressed
 * as with the official tool.
 */
public final class ArchiveSink implements TableSink {
    private final DirectorySink work;
    private final ArchiveWriter archive;
    private final Map<TableRef, ArchiveWriter.Entry> open = new ConcurrentHashMap<>();

    /** Stages data under {@code work} and appends finished tables to {@code archive}. */
    public ArchiveSink(DirectorySink work, ArchiveWriter archive) {
        this.work = work;
        this.archive = archive;
    }

    @Override
    public OutputStream openData(TableRef table, String extension) throws IOException {
        ArchiveWriter.Entry entry = archive.openEntry(work.file(table, extension + ".deflate"));
        open.put(table, entry);
        return entry;
    }

    @Override
    public void finishTable(TableRef table, String extension, TableInfo info) throws IOException {
        String base = table.db() + "/" + table.table();
        archive.addBytes(base + ".info", info.toBytes());
        archive.addEntry(base + "." + extension, open.remove(table));
    }
}
