package io.reqldb.tools.cli;

import io.reqldb.tools.ToolException;
import io.reqldb.tools.archive.ArchiveReader;
import io.reqldb.tools.format.JsonRowReader;
import io.reqldb.tools.progress.Progress;
import io.reqldb.tools.progress.ProgressTask;
import io.reqldb.tools.verify.ArchiveVerifier;
import io.reqldb.tools.verify.TableReport;
import io.reqldb.tools.verify.VerifyReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code verify ARCHIVE}: checks a dump offline (no server) and prints what it holds. */
@Command(name = "verify", sortOptions = false, versionProvider = ToolVersion.class,
        description = "`reqldb verify` checks a dump archive without a server: every file parses, rows are counted, "
                + "index and write-hook functions decode")
public final class VerifyCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ARCHIVE", description = "the archive to check (.tar.gz, .tar.bz2, .tar.xz or .tar)")
    Path archive;

    @Option(names = {"-q", "--quiet"}, description = "print only problems")
    boolean quiet;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help message and exit")
    boolean help;

    @Option(names = "--version", versionHelp = true, description = "show program's version number and exit")
    boolean version;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        if (!Files.isRegularFile(archive)) {
            err.println("Archive file does not exist: " + archive);
            return ToolException.USAGE;
        }
        VerifyReport report;
        try (ArchiveReader reader = ArchiveReader.open(archive);
                Progress progress = quiet ? Progress.silent() : Progress.toStderr()) {
            ProgressTask task = progress.start(archive.getFileName().toString(), "rows", 0);
            report = new ArchiveVerifier(JsonRowReader.DEFAULT_MAX_DOCUMENT_SIZE, task::advance).verify(reader);
        } catch (Exception e) {
            err.println("Error: " + e.getMessage());
            return ToolException.FAILURE;
        }
        long rows = 0;
        int indexes = 0;
        int hooks = 0;
        for (TableReport table : report.tables().values()) {
            rows += table.rows();
            int tableIndexes = table.info() == null ? 0 : table.info().indexes().size();
            boolean hook = table.info() != null && table.info().writeHook() != null;
            indexes += tableIndexes;
            hooks += hook ? 1 : 0;
            if (!quiet) {
                out.printf("  %-40s %,12d rows  %,14d bytes  %2d indexes%s%n", table.qualifiedName(), table.rows(),
                        table.dataBytes(), tableIndexes, hook ? "  write hook" : "");
            }
        }
        report.warnings().forEach(w -> err.println("Warning: " + w));
        report.problems().forEach(err::println);
        if (!quiet) {
            out.printf("%s: %d tables, %,d rows, %d secondary indexes, %d write hook%s: %s%n", archive,
                    report.tables().size(), rows, indexes, hooks, hooks == 1 ? "" : "s", report.ok() ? "OK" : "DAMAGED");
        }
        return report.ok() ? 0 : ToolException.FAILURE;
    }
}
