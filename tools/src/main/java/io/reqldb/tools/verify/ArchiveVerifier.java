package io.reqldb.tools.verify;

import io.reqldb.tools.archive.ArchiveReader;
import io.reqldb.tools.archive.MemberPath;
import io.reqldb.tools.archive.TableInfo;
import io.reqldb.tools.format.CsvRowReader;
import io.reqldb.tools.format.FormatException;
import io.reqldb.tools.format.JsonRowReader;
import io.reqldb.tools.format.RowReader;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Reads a whole archive without a server: every member parses, rows are counted, and index and
 * write-hook blobs decode. Restore runs it first, so a corrupt or truncated archive is reported
 * before anything is written.
 */
public final class ArchiveVerifier {
    private final long maxDocumentSize;
    private final LongConsumer rowsRead;

    /** {@code rowsRead} receives counts of newly read rows, for progress. */
    public ArchiveVerifier(long maxDocumentSize, LongConsumer rowsRead) {
        this.maxDocumentSize = maxDocumentSize;
        this.rowsRead = rowsRead;
    }

    /** Reads the archive to its end; a layout or truncation problem stops the reading. */
    public VerifyReport verify(ArchiveReader archive) throws IOException {
        VerifyReport report = new VerifyReport();
        try {
            ArchiveReader.Member member;
            while ((member = archive.next()) != null) {
                MemberPath path = member.path();
                report.top(archive.top());
                TableReport table = report.table(path.db(), path.table());
                if (path.extension().equals("info")) {
                    if (table.info() != null) {
                        report.problem(path.qualifiedTable() + ": more than one .info file");
                    }
                    TableInfo info = TableInfo.parse(member.content().readAllBytes(), path.qualifiedTable() + ".info");
                    table.info(info);
                    checkFunctions(report, path.qualifiedTable(), info);
                } else {
                    if (table.dataExtension() != null) {
                        report.problem(path.qualifiedTable() + ": more than one data file (."
                                + table.dataExtension() + " and ." + path.extension() + ")");
                    }
                    countRows(member, table);
                }
            }
        } catch (FormatException e) {
            report.problem(e.getMessage());
            return report;
        }
        if (report.tables().isEmpty()) {
            report.problem("Error: Archive file had no files");
        }
        for (TableReport table : report.tables().values()) {
            if (table.info() == null) {
                report.warning(table.qualifiedName() + ": data file has no .info beside it, restore ignores it");
            } else if (table.dataExtension() == null) {
                report.warning(table.qualifiedName() + ": .info file has no data file beside it");
            }
        }
        return report;
    }

    private void countRows(ArchiveReader.Member member, TableReport table) throws IOException {
        MemberPath path = member.path();
        String name = path.qualifiedTable() + "." + path.extension();
        long rows = 0;
        try (RowReader reader = path.extension().equals("csv")
                ? new CsvRowReader(member.content(), name, ',', null, false)
                : new JsonRowReader(member.content(), name, maxDocumentSize)) {
            while (reader.skip()) {
                if (++rows % 1000 == 0) {
                    rowsRead.accept(1000);
                }
            }
        }
        table.data(path.extension(), rows, member.size());
        rowsRead.accept(rows % 1000);
    }

    private static void checkFunctions(VerifyReport report, String table, TableInfo info) {
        for (Map<String, Object> index : info.indexes()) {
            Object name = index.get("index");
            try {
                FunctionBlob blob = FunctionBlob.decodeIndex(index.get("function"));
                if (index.containsKey("multi") && !Boolean.valueOf(blob.multi()).equals(index.get("multi"))) {
                    report.problem(table + ": index `" + name + "` says multi=" + index.get("multi") + " but its function blob says " + blob.multi());
                }
                if (index.containsKey("geo") && !Boolean.valueOf(blob.geo()).equals(index.get("geo"))) {
                    report.problem(table + ": index `" + name + "` says geo=" + index.get("geo") + " but its function blob says " + blob.geo());
                }
            } catch (FormatException e) {
                report.problem(table + ": index `" + name + "`: " + e.getMessage());
            }
        }
        Map<String, Object> hook = info.writeHook();
        if (hook != null) {
            try {
                FunctionBlob blob = FunctionBlob.decodeWriteHook(hook.get("function"));
                if (blob.argumentCount() != 3) {
                    report.problem(table + ": write hook function takes " + blob.argumentCount() + " arguments, not 3");
                }
            } catch (FormatException e) {
                report.problem(table + ": write hook: " + e.getMessage());
            }
        }
        List<Map<String, Object>> indexes = info.indexes();
        if (indexes.stream().anyMatch(i -> !(i.get("index") instanceof String))) {
            report.problem(table + ": an index entry has no `index` name");
        }
    }
}
