package io.reqldb.tools.cli;

import com.rethinkdb.net.Connection;
import io.reqldb.tools.ToolException;
import io.reqldb.tools.archive.ArchiveNames;
import io.reqldb.tools.export.DirectorySink;
import io.reqldb.tools.export.ExportFormat;
import io.reqldb.tools.export.ExportSettings;
import io.reqldb.tools.export.Exporter;
import io.reqldb.tools.export.TableDiscovery;
import io.reqldb.tools.export.TableSelector;
import io.reqldb.tools.progress.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code export}: tables into {@code <dir>/<db>/<table>.{json,ndjson,csv}} plus {@code .info}.
 * Files are written into a {@code <dir>_partial_*} sibling that is renamed at the end, and
 * removed if the export fails.
 */
@Command(name = "export", sortOptions = false, versionProvider = ToolVersion.class,
        customSynopsis = "reqldb export [-c HOST:PORT] [-p] [--password-file FILENAME] [--tls-cert filename] [-d DIR] "
                + "[-e (DB | DB.TABLE)]... [--format (csv | json | ndjson)] [--fields FIELD,FIELD...] "
                + "[--delimiter CHARACTER] [--clients NUM]",
        description = "`reqldb export` exports data from a RethinkDB or ReqlDB cluster into a directory",
        footer = {"", "EXAMPLES:", "reqldb export -c mnemosyne:39500",
                "  Export all data from a cluster running on host 'mnemosyne' with a client port at 39500.", "",
                "reqldb export -e test -d rdb_export",
                "  Export only the 'test' database on a local cluster into a named directory.", "",
                "reqldb export -c hades -e test.subscribers -p",
                "  Export a specific table from a cluster running on host 'hades' which requires a password.", "",
                "reqldb export --format csv -e test.history --fields time,message --delimiter ';'",
                "  Export a specific table from a local cluster in CSV format with the fields 'time' and 'message',",
                "  using a semicolon as field delimiter (rather than a comma)."})
public final class ExportCommand extends ToolCommand {
    @Mixin TableReadOptions reading;

    @Mixin NoPositionalArguments noPositional;

    @Option(names = {"-d", "--directory"}, paramLabel = "DIRECTORY",
            description = "directory to output to (default: rethinkdb_export_DATE_TIME)")
    Path directory;

    @Option(names = "--fields", paramLabel = "<FIELD>,...", description = "export only specified fields (required for CSV format)")
    String fields;

    @Option(names = "--format", paramLabel = "json|csv|ndjson",
            description = "format to write (defaults to json. ndjson is newline delimited json.)")
    String format = "json";

    @Option(names = "--delimiter", paramLabel = "CHARACTER",
            description = "character to be used as field delimiter, or '\\t' for tab (default: ',')")
    String delimiter;

    @Override
    int run() throws Exception {
        noPositional.check();
        reading.check();
        ExportFormat chosen = switch (format) {
            case "json" -> ExportFormat.JSON;
            case "csv" -> ExportFormat.CSV;
            case "ndjson" -> ExportFormat.NDJSON;
            default -> throw ToolException.usage("option --format: invalid choice: '" + format
                    + "' (choose from 'csv', 'json', 'ndjson')");
        };
        List<TableSelector> selectors = Selectors.parse(reading.exports);
        List<String> fieldList = fields == null ? null : Arrays.asList(fields.split(","));
        if (fieldList != null && (selectors.size() != 1 || selectors.get(0).table() == null)) {
            throw ToolException.usage("The --fields option can only be used when exporting a single table");
        }
        if (chosen == ExportFormat.CSV && fieldList == null) {
            throw ToolException.usage("CSV files require the '--fields' option to be specified.");
        }
        if (delimiter != null && chosen != ExportFormat.CSV) {
            throw ToolException.usage("--delimiter option is only valid for CSV file formats");
        }
        char delim = delimiter == null ? ',' : Options.delimiter(delimiter);
        Path target = (directory == null ? Path.of(ArchiveNames.exportName(LocalDateTime.now())) : directory).toAbsolutePath();
        if (Files.exists(target)) {
            throw ToolException.usage("-d/--directory value already exists: " + target);
        }
        var endpoint = connection.resolve();
        long start = System.nanoTime();
        try (Connection conn = endpoint.connect(); Progress progress = progress()) {
            var tables = TableDiscovery.find(conn, selectors);
            Files.createDirectories(target.getParent());
            Path partial = Cleanup.createTemporary(
                    () -> Files.createTempDirectory(target.getParent(), target.getFileName() + "_partial_"));
            ExportSettings settings = new ExportSettings(chosen, fieldList, delim, reading.clients,
                    reading.readOutdated, false);
            Exporter.Summary summary = new Exporter(endpoint, settings, progress, this::say)
                    .run(conn, tables, new DirectorySink(partial));
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            Cleanup.forget(partial);
            say("    " + summary.line());
        }
        say(String.format("  Done (%.2f seconds)", (System.nanoTime() - start) / 1e9));
        return 0;
    }
}
