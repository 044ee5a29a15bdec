package io.reqldb.tools.cli;

import io.reqldb.rethinkdata.DataDirectory;
import io.reqldb.rethinkdata.RethinkDataException;
import io.reqldb.rethinkdata.TableConfig;
import io.reqldb.tools.ToolException;
import io.reqldb.tools.archive.ArchiveWriter;
import io.reqldb.tools.config.ClusterConfig;
import io.reqldb.tools.export.ArchiveSink;
import io.reqldb.tools.export.DirectorySink;
import io.reqldb.tools.export.TableSelector;
import io.reqldb.tools.offline.OfflineDumper;
import io.reqldb.tools.progress.Progress;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code dump --data-dir}: the same archive as a dump through a server (the same archive writer,
 * row writer and {@code .info} shape), the tables read from RethinkDB's files by
 * {@link OfflineDumper}. The folder is only read.
 */
final class OfflineDump {
    private final DumpCommand command;
    private final List<TableSelector> selectors;
    private final String name;
    private final Path target;
    private final Path temp;
    private final boolean toStdout;

    OfflineDump(DumpCommand command, List<TableSelector> selectors, String name, Path target, Path temp,
            boolean toStdout) {
        this.command = command;
        this.selectors = selectors;
        this.name = name;
        this.target = target;
        this.temp = temp;
        this.toStdout = toStdout;
    }

    int run() throws Exception {
        long start = System.nanoTime();
        DataDirectory dir;
        try {
            dir = DataDirectory.open(command.dataDir, command.force);
        } catch (RethinkDataException e) {
            throw ToolException.failure("Error: " + e.getMessage());
        }
        List<TableConfig> tables = dir.tables().stream()
                .filter(t -> Selectors.covers(selectors, dir.databaseName(t), t.name()))
                .toList();
        for (TableSelector s : selectors) {
            boolean found = tables.stream().anyMatch(t -> s.matches(dir.databaseName(t), t.name()));
            if (!found) {
                throw ToolException.failure("Error: " + (s.table() == null ? "Database " + s.db() + " does not exist."
                        : "Table " + s.db() + "." + s.table() + " does not exist."));
            }
        }
        command.say("Reading RethinkDB " + dir.metadata().version().label() + " data directory " + dir.path()
                + " (" + tables.size() + " tables); no server involved.");
        Path work = Cleanup.createTemporary(() -> Files.createTempDirectory(temp, "reqldb_dump_"));
        Path partial = toStdout ? null : ArchiveWriter.partialFor(target);
        OfflineDumper.Summary summary;
        try (ArchiveWriter archive = toStdout
                        ? ArchiveWriter.toStream(name, new FileOutputStream(FileDescriptor.out))
                        : Cleanup.createTemporary(partial, () -> ArchiveWriter.toFile(name, target, partial));
                Progress progress = command.progress()) {
            command.say("  Exporting and compressing tables...");
            OfflineDumper dumper = new OfflineDumper(dir, command.functionTexts(), progress, m -> command.err().println(m),
                    command.reading.clients, command.continueOnError);
            summary = dumper.run(tables, new ArchiveSink(new DirectorySink(work), archive));
            if (command.includeConfig) {
                List<List<Object>> config = dumper.configRows(tables);
                ClusterConfig.write(archive, config.get(0), config.get(1), config.get(2));
            }
            archive.commit();
            if (partial != null) {
                Cleanup.forget(partial);
            }
        }
        command.say(String.format("    %d rows exported from %d tables, with %d secondary indexes, and %d hook functions",
                summary.rows(), summary.tables(), summary.indexes(), summary.hooks()));
        command.say(String.format("Done (%.2f seconds): %s", (System.nanoTime() - start) / 1e9,
                toStdout ? "-" : target));
        if (!summary.failed().isEmpty()) {
            command.err().println("Error: " + summary.failed().size() + " table(s) could not be read and are not in "
                    + "the archive:");
            summary.failed().forEach(f -> command.err().println("  " + f));
            return ToolException.FAILURE;
        }
        return 0;
    }
}
