package io.reqldb.tools.cli;

import com.rethinkdb.net.Connection;
import io.reqldb.tools.ToolException;
import io.reqldb.tools.archive.ArchiveNames;
import io.reqldb.tools.archive.ArchiveWriter;
import io.reqldb.tools.config.ClusterConfig;
import io.reqldb.tools.export.ArchiveSink;
import io.reqldb.tools.export.DirectorySink;
import io.reqldb.tools.export.ExportFormat;
import io.reqldb.tools.export.ExportSettings;
import io.reqldb.tools.export.Exporter;
import io.reqldb.tools.export.TableDiscovery;
import io.reqldb.tools.export.TableRef;
import io.reqldb.tools.offline.FunctionTexts;
import io.reqldb.tools.progress.Progress;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dump}: an export in JSON, streamed into a tar.gz archive compatible with {@code rethinkdb dump}. */
@Command(name = "dump", sortOptions = false, versionProvider = ToolVersion.class,
        customSynopsis = "reqldb dump [-c HOST:PORT] [-p] [--password-file FILENAME] [--tls-cert FILENAME] [-f FILE] "
                + "[--clients NUM] [-e (DB | DB.TABLE)]...%n       reqldb dump --data-dir PATH [-f FILE] [-e (DB | DB.TABLE)]... [--include-config] "
                + "[--continue-on-error] [--force]",
        description = "`reqldb dump` creates an archive of data from a RethinkDB or ReqlDB cluster",
        footer = {"", "EXAMPLES:", "reqldb dump -c mnemosyne:39500",
                "  Archive all data from a cluster running on host 'mnemosyne' with a client port at 39500.", "",
                "reqldb dump -e test -f rdb_dump.tar.gz",
                "  Archive only the 'test' database from a local cluster into a named file.", "",
                "reqldb dump -c hades -e test.subscribers -p",
                "  Archive a specific table from a cluster running on host 'hades' which requires a password.", "",
                "reqldb dump --data-dir /var/lib/rethinkdb/default/rethinkdb_data",
                "  Archive everything in a RethinkDB data directory, reading its files: no RethinkDB needed."})
public final class DumpCommand extends ToolCommand {
    @Mixin TableReadOptions reading;

    @Mixin NoPositionalArguments noPositional;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "file to write archive to (defaults to rethinkdb_dump_DATE_TIME.tar.gz); if FILE is -, use standard output")
    String file;

    @Option(names = "--temp-dir", paramLabel = "directory", description = "the directory to use for intermediary results")
    Path tempDir;

    @Option(names = "--overwrite-file", description = "overwrite -f/--file if it exists")
    boolean overwrite;

    @Option(names = "--data-dir", paramLabel = "PATH",
            description = "read a RethinkDB data directory (rethinkdb_data) directly, with no server running; -c is not used")
    Path dataDir;

    @Option(names = "--continue-on-error",
            description = "with --data-dir: leave out the tables that cannot be read, list them, and exit 1")
    boolean continueOnError;

    @Option(names = "--force",
            description = "with --data-dir: read the folder even though a running RethinkDB holds it")
    boolean force;

    @Option(names = "--include-config",
            description = "also save table configuration, users and permissions (ignored by the official restore)")
    boolean includeConfig;

    private final FunctionTexts functionTexts;

    /** A dump whose {@code --data-dir} path leaves the index and hook {@code query} texts out. */
    public DumpCommand() {
        this(FunctionTexts.NONE);
    }

    /** A dump that prints index and hook functions with {@code texts} when reading a data directory. */
    public DumpCommand(FunctionTexts texts) {
        this.functionTexts = texts;
    }

    FunctionTexts functionTexts() {
        return functionTexts;
    }

    @Override
    String failurePrefix() {
        return "Error: dump failed, ";
    }

    @Override
    int run() throws Exception {
        noPositional.check();
        reading.check();
        String name = ArchiveNames.dumpName(LocalDateTime.now());
        boolean toStdout = "-".equals(file);
        quiet |= toStdout;
        Path target = toStdout ? null : Path.of(file == null ? name + ".tar.gz" : file).toAbsolutePath();
        if (target != null && Files.exists(target)) {
            if (!Files.isRegularFile(target)) {
                throw ToolException.usage("There is a non-file at the -f/--file location: " + target);
            }
            if (!overwrite) {
                throw ToolException.usage("Output file already exists: " + target);
            }
        }
        if (target != null) {
            checkWritableFolder(target.getParent());
        }
        Path temp = TempDirs.check(tempDir, true);
        var selectors = Selectors.parse(reading.exports);
        if (dataDir != null) {
            return new OfflineDump(this, selectors, name, target, temp, toStdout).run();
        }
        var endpoint = connection.resolve();
        long start = System.nanoTime();
        try (Connection conn = endpoint.connect()) {
            List<TableRef> tables = TableDiscovery.find(conn, selectors);
            say("NOTE: 'reqldb dump' saves data, secondary indexes, and write hooks, but does *not* save");
            say("            cluster metadata (unless --include-config).  You will need to recreate your cluster");
            say("            setup yourself after you run 'reqldb restore'.");
            Path work = Cleanup.createTemporary(() -> Files.createTempDirectory(temp, "reqldb_dump_"));
            Path partial = toStdout ? null : ArchiveWriter.partialFor(target);
            try (ArchiveWriter archive = toStdout
                            ? ArchiveWriter.toStream(name, new FileOutputStream(FileDescriptor.out))
                            : Cleanup.createTemporary(partial, () -> ArchiveWriter.toFile(name, target, partial));
                    Progress progress = progress()) {
                say("  Exporting and compressing tables...");
                ExportSettings settings = new ExportSettings(ExportFormat.JSON, null, ',', reading.clients,
                        reading.readOutdated, true);
                Exporter.Summary summary = new Exporter(endpoint, settings, progress, this::say)
                        .run(conn, tables, new ArchiveSink(new DirectorySink(work), archive));
                if (includeConfig) {
                    ClusterConfig.save(conn, tables, archive);
                }
                archive.commit();
                if (partial != null) {
                    Cleanup.forget(partial);
                }
                say("    " + summary.line() + (summary.consistent() ? " (one point-in-time snapshot)" : ""));
            }
        }
        say(String.format("Done (%.2f seconds): %s", (System.nanoTime() - start) / 1e9, toStdout ? "-" : target));
        return 0;
    }

    /** Checked before connecting, so that an hour of reading never ends in "cannot write". */
    private static void checkWritableFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw ToolException.usage("The -f/--file folder " + folder + " does not exist or is not a directory. "
                    + "Create it, or give -f a path in an existing folder.");
        }
        if (!Files.isWritable(folder)) {
            throw ToolException.usage("The -f/--file folder " + folder + " cannot be written by this user. "
                    + "Give -f a path in a folder you can write.");
        }
    }
}
