package io.reqldb.tools.cli;

import com.rethinkdb.net.Connection;
import io.reqldb.tools.ToolException;
import io.reqldb.tools.archive.ArchiveReader;
import io.reqldb.tools.config.ConfigRestorer;
import io.reqldb.tools.conn.Endpoint;
import io.reqldb.tools.export.TableSelector;
import io.reqldb.tools.format.JsonRowReader;
import io.reqldb.tools.format.RowReader;
import io.reqldb.tools.importer.ImportSettings;
import io.reqldb.tools.importer.Importer;
import io.reqldb.tools.importer.PlannedTable;
import io.reqldb.tools.importer.SourceReaders;
import io.reqldb.tools.progress.Progress;
import io.reqldb.tools.verify.ArchiveVerifier;
import io.reqldb.tools.verify.TableReport;
import io.reqldb.tools.verify.VerifyReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code restore}: reads the archive twice. The first pass checks it whole (layout, every row
 * parses, blobs decode), so a corrupt or truncated archive is refused before anything is
 * written; it also collects the {@code .info} files, wherever they sit in the tar. The second
 * pass streams each data member straight into the importer, with no extraction to disk.
 */
@Command(name = "restore", sortOptions = false, versionProvider = ToolVersion.class,
        customSynopsis = "reqldb restore FILE [-c HOST:PORT] [--tls-cert FILENAME] [-p] [--password-file FILENAME] "
                + "[--clients NUM] [--shards NUM_SHARDS] [--replicas NUM_REPLICAS] [--force] [-i (DB | DB.TABLE)]...",
        description = "`reqldb restore` loads data into a RethinkDB or ReqlDB cluster from an archive",
        footer = {"", "FILE: the archive file to restore data from;", "  if FILE is -, use standard input (note that",
                "  intermediate files will still be written to the --temp-dir directory)", "",
                "EXAMPLES:", "", "reqldb restore rdb_dump.tar.gz -c mnemosyne:39500",
                "  Import data into a cluster running on host 'mnemosyne' with a client port at 39500 using",
                "  the named archive file.", "",
                "reqldb restore rdb_dump.tar.gz -i test",
                "  Import data into a local cluster from only the 'test' database in the named archive file.", "",
                "reqldb restore rdb_dump.tar.gz -i test.subscribers -c hades -p",
                "  Import data into a cluster running on host 'hades' which requires a password from only",
                "  a specific table from the named archive file.", "",
                "reqldb restore rdb_dump.tar.gz --resume",
                "  Continue a restore of the same archive that was interrupted."})
public final class RestoreCommand extends ToolCommand {
    @Mixin TableWriteOptions writing;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "the archive file to restore data from")
    List<String> files = new ArrayList<>();

    @Option(names = {"-i", "--import"}, paramLabel = "DB|DB.TABLE",
            description = "limit restore to the given database or table (may be specified multiple times)")
    List<String> imports = new ArrayList<>();

    @Option(names = "--temp-dir", paramLabel = "DIR", description = "directory to use for intermediary results")
    Path tempDir;

    @Option(names = "--force", description = "import data even if a table already exists")
    boolean force;

    @Option(names = "--no-secondary-indexes", description = "do not create secondary indexes for the restored tables")
    boolean noSecondaryIndexes;

    /** Accepted for compatibility; the official tool never used it either. */
    @Option(names = "--writers-per-table", hidden = true)
    int writersPerTable = 1;

    @Option(names = "--resume", description = "continue an interrupted restore of the same archive (see --journal)")
    boolean resume;

    @Option(names = "--journal", paramLabel = "FILE",
            description = "where restore records its progress for --resume (default: a file in --temp-dir named after the archive)")
    Path journal;

    @Option(names = "--include-config",
            description = "also apply table configuration, users and permissions saved by dump --include-config")
    boolean includeConfig;

    @Override
    String failurePrefix() {
        return "Error: import failed: ";
    }

    @Override
    int run() throws Exception {
        if (files.isEmpty()) {
            throw ToolException.usage("Archive to import not specified. Provide an archive file created by rethinkdb-dump.");
        }
        if (files.size() > 1) {
            throw ToolException.usage("Only one positional argument supported");
        }
        writing.check();
        Options.positive("--writers-per-table", writersPerTable);
        Path temp = TempDirs.check(tempDir, false);
        List<TableSelector> selectors = Selectors.parse(imports);
        Path archive = archivePath(files.get(0), temp);
        Endpoint endpoint = connection.resolve();

        say("Checking archive...");
        VerifyReport report = check(archive);
        List<PlannedTable> plan = plan(report, selectors);

        Path journalFile = journal != null ? journal
                : files.get(0).equals("-") ? null : temp.resolve(journalName(archive));
        if (resume && journalFile == null) {
            throw ToolException.usage("--resume needs --journal when the archive comes from standard input");
        }
        ImportSettings settings = writing.settings(force, !noSecondaryIndexes, null, journalFile, resume);
        say("Importing from archive...");
        try (Connection conn = endpoint.connect(); Progress progress = progress();
                Importer importer = new Importer(endpoint, settings, progress)) {
            importer.prepare(conn, plan);
            Map<String, PlannedTable> byName = new HashMap<>();
            plan.forEach(t -> byName.put(t.qualifiedName(), t));
            try (ArchiveReader reader = ArchiveReader.open(archive)) {
                ArchiveReader.Member member;
                while ((member = reader.next()) != null) {
                    PlannedTable table = byName.get(member.path().qualifiedTable());
                    if (member.path().extension().equals("info") || table == null || importer.alreadyDone(table)) {
                        continue;
                    }
                    try (RowReader rows = SourceReaders.open(member.content(), member.path().qualifiedTable(),
                            member.path().extension(), SourceReaders.CsvOptions.DEFAULT, JsonRowReader.DEFAULT_MAX_DOCUMENT_SIZE)) {
                        importer.importTable(conn, table, rows, report.tables().get(table.qualifiedName()).rows());
                    }
                }
                String summary = importer.finish();
                if (includeConfig) {
                    ConfigRestorer.apply(conn, reader.configFiles(), byName.keySet(), err()::println);
                }
                importer.close(true);
                say("  " + summary);
            }
        }
        return 0;
    }

    /**
     * The default journal: in the temp directory (the archive's own folder may be read-only), named
     * by a hash of the archive's path and size, so --resume of the same archive finds it.
     */
    private static String journalName(Path archive) throws java.io.IOException {
        String key = archive.toAbsolutePath() + "\0" + Files.size(archive);
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(key.getBytes(
                    java.nio.charset.StandardCharsets.UTF_8));
            return "reqldb_restore_" + java.util.HexFormat.of().formatHex(hash, 0, 8) + ".journal";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private Path archivePath(String file, Path temp) throws java.io.IOException {
        if (file.equals("-")) {
            // Two passes need a seekable copy; it lives in --temp-dir and is removed at the end.
            Path copy = Cleanup.createTemporary(() -> Files.createTempFile(temp, "reqldb_restore_", ".tar"));
            Files.copy(System.in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return copy;
        }
        Path path = Path.of(file).toAbsolutePath();
        if (!Files.isRegularFile(path)) {
            throw ToolException.usage("Archive file does not exist: " + file);
        }
        return path;
    }

    private VerifyReport check(Path archive) throws java.io.IOException {
        VerifyReport report;
        try (ArchiveReader reader = ArchiveReader.open(archive)) {
            report = new ArchiveVerifier(JsonRowReader.DEFAULT_MAX_DOCUMENT_SIZE, n -> { }).verify(reader);
        }
        report.warnings().forEach(err()::println);
        if (!report.ok()) {
            report.problems().forEach(err()::println);
            throw ToolException.failure("Error: the archive is damaged; nothing was restored. Make the dump again "
                    + "(or copy it again in full), then restore that.");
        }
        return report;
    }

    private static List<PlannedTable> plan(VerifyReport report, List<TableSelector> selectors) {
        List<PlannedTable> plan = new ArrayList<>();
        for (TableReport table : report.tables().values()) {
            if (table.info() != null && table.dataExtension() != null
                    && Selectors.covers(selectors, table.db(), table.table())) {
                plan.add(new PlannedTable(table.db(), table.table(), table.info(), table.info().primaryKey()));
            }
        }
        if (plan.isEmpty()) {
            throw ToolException.failure("Error: Archive file had no files");
        }
        return plan;
    }
}
