package io.reqldb.tools.cli;

import com.rethinkdb.net.Connection;
import io.reqldb.tools.ToolException;
import io.reqldb.tools.archive.TableInfo;
import io.reqldb.tools.conn.Endpoint;
import io.reqldb.tools.export.TableSelector;
import io.reqldb.tools.format.JsonRowReader;
import io.reqldb.tools.format.RowReader;
import io.reqldb.tools.importer.ImportSettings;
import io.reqldb.tools.importer.Importer;
import io.reqldb.tools.importer.PlannedTable;
import io.reqldb.tools.importer.SourceReaders;
import io.reqldb.tools.progress.Progress;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code import}: a directory written by {@code export} ({@code -d}), or one JSON, NDJSON or CSV
 * file into one table ({@code -f} with {@code --table}). Option rules and messages are the
 * official ones; unlike the official tool, {@code --delimiter}, {@code --pkey} for CSV and
 * {@code --shards}/{@code --replicas} take effect.
 */
@Command(name = "import", sortOptions = false, versionProvider = ToolVersion.class,
        customSynopsis = {
                "reqldb import -d DIR [-c HOST:PORT] [--tls-cert FILENAME] [-p] [--password-file FILENAME] [--force] "
                        + "[-i (DB | DB.TABLE)] [--clients NUM] [--shards NUM_SHARDS] [--replicas NUM_REPLICAS]",
                "reqldb import -f FILE --table DB.TABLE [-c HOST:PORT] [--tls-cert FILENAME] [-p] [--password-file FILENAME] "
                        + "[--force] [--clients NUM] [--format (csv | json)] [--pkey PRIMARY_KEY] [--shards NUM_SHARDS] "
                        + "[--replicas NUM_REPLICAS] [--delimiter CHARACTER] [--custom-header FIELD,FIELD... [--no-header]]"},
        description = "`reqldb import` loads data into a RethinkDB or ReqlDB cluster",
        footer = {"", "EXAMPLES:", "", "reqldb import -d rdb_export -c mnemosyne:39500 --clients 128",
                "  Import data into a cluster running on host 'mnemosyne' with a client port at 39500,",
                "  using 128 client connections and the named export directory.", "",
                "reqldb import -f site_history.csv --format csv --table test.history --pkey count",
                "  Import data into a local cluster and the table 'history' in the 'test' database,",
                "  using the named CSV file, and using the 'count' field as the primary key."})
public final class ImportCommand extends ToolCommand {
    @Mixin TableWriteOptions writing;

    @Mixin NoPositionalArguments noPositional;

    @Option(names = "--force", description = "import even if a table already exists, overwriting duplicate primary keys")
    boolean force;

    @Option(names = {"-d", "--directory"}, paramLabel = "DIRECTORY", description = "directory to import data from")
    Path directory;

    @Option(names = {"-i", "--import"}, paramLabel = "DB|DB.TABLE",
            description = "restore only the given database or table (may be specified multiple times)")
    List<String> imports = new ArrayList<>();

    @Option(names = "--no-secondary-indexes", description = "do not create secondary indexes")
    boolean noSecondaryIndexes;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "file to import data from")
    Path file;

    @Option(names = "--table", paramLabel = "DB.TABLE", description = "table to import the data into")
    String table;

    @Option(names = "--fields", paramLabel = "FIELD,...", description = "limit which fields to use when importing one table")
    String fields;

    @Option(names = "--format", paramLabel = "json|csv",
            description = "format of the file (default: json, accepts newline delimited json)")
    String format;

    @Option(names = "--pkey", paramLabel = "PRIMARY_KEY", description = "field to use as the primary key in the table")
    String pkey;

    @Option(names = "--delimiter", paramLabel = "CHARACTER", description = "character separating fields, or '\\t' for tab")
    String delimiter;

    @Option(names = "--no-header", description = "do not read in a header of field names")
    boolean noHeader;

    @Option(names = "--custom-header", paramLabel = "FIELD,...",
            description = "header to use (overriding file header), must be specified if --no-header")
    String customHeader;

    @Option(names = "--max-document-size", paramLabel = "MAX_SIZE",
            description = "maximum allowed size (bytes) for a single JSON document (default: 128MiB)")
    Integer maxDocumentSize;

    /** Accepted for compatibility; the Java driver applies its own nesting limit of 100. */
    @Option(names = "--max-nesting-depth", paramLabel = "MAX_DEPTH", description = "maximum depth of the JSON documents (default: 100)")
    Integer maxNestingDepth;

    @Override
    int run() throws Exception {
        noPositional.check();
        writing.check();
        Options.positiveIfGiven("--max-document-size", maxDocumentSize);
        Options.positiveIfGiven("--max-nesting-depth", maxNestingDepth);
        List<Source> sources = directory != null || file == null ? directorySources() : List.of(fileSource());
        Endpoint endpoint = connection.resolve();
        List<String> fieldList = fields == null ? null : Arrays.asList(fields.split(","));
        ImportSettings settings = writing.settings(force, !noSecondaryIndexes, fieldList, null, false);
        long start = System.nanoTime();
        try (Connection conn = endpoint.connect(); Progress progress = progress();
                Importer importer = new Importer(endpoint, settings, progress)) {
            importer.prepare(conn, sources.stream().map(Source::table).toList());
            for (Source source : sources) {
                try (InputStream in = Files.newInputStream(source.file());
                        RowReader rows = SourceReaders.open(in, source.file().toString(), source.format(), source.csv(),
                                maxDocumentSize == null ? JsonRowReader.DEFAULT_MAX_DOCUMENT_SIZE : maxDocumentSize)) {
                    importer.importTable(conn, source.table(), rows, 0);
                }
            }
            say("  " + importer.finish());
        }
        say(String.format("  Done (%d seconds)", Math.round((System.nanoTime() - start) / 1e9)));
        return 0;
    }

    private record Source(PlannedTable table, Path file, String format, SourceReaders.CsvOptions csv) {}

    private List<Source> directorySources() throws Exception {
        if (directory == null) {
            throw ToolException.usage("Either -f/--file or -d/--directory is required");
        }
        if (file != null) {
            throw ToolException.usage("-f/--file and -d/--directory can not be used together");
        }
        String[][] notForDirectories = {
                {table, "--table option is not valid when importing a directory"},
                {fields, "--fields option is not valid when importing a directory"},
                {format, "--format option is not valid when importing a directory"},
                {pkey, "--pkey option is not valid when importing a directory"},
                {delimiter, "--delimiter option is not valid when importing a directory"},
                {noHeader ? "" : null, "--no-header option is not valid when importing a directory"},
                {customHeader, "--custom-header option is not valid when importing a directory"}};
        for (String[] rule : notForDirectories) {
            if (rule[0] != null) {
                throw ToolException.usage(rule[1]);
            }
        }
        if (!Files.exists(directory)) {
            throw ToolException.usage("-d/--directory does not exist: " + directory);
        }
        if (!Files.isDirectory(directory)) {
            throw ToolException.usage("-d/--directory is not a directory: " + directory);
        }
        List<TableSelector> selectors = Selectors.parse(imports);
        ImportSources scan = ImportSources.scan(directory, selectors);
        if (!scan.ignored.isEmpty()) {
            err().println("Unexpected files found in the specified directory.  Importing a directory expects");
            err().println(" a directory from `rethinkdb export`.  If you want to import individual tables");
            err().println(" import them as single files.  The following files were ignored:");
            scan.ignored.forEach(p -> err().println(p));
        }
        return scan.sources.stream().map(s -> new Source(s.table(), s.file(), s.format(),
                SourceReaders.CsvOptions.DEFAULT)).toList();
    }

    private Source fileSource() throws Exception {
        if (!imports.isEmpty()) {
            throw ToolException.usage("-i/--import can only be used when importing a directory");
        }
        if (!Files.isRegularFile(file)) {
            throw ToolException.usage("--file value was not an existing file: " + file);
        }
        if (table == null) {
            throw ToolException.usage("A value is required for --table when importing from a file");
        }
        TableSelector target = TableSelector.parse(table);
        if (target.table() == null) {
            throw ToolException.usage("Invalid --table option: " + table);
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        String chosen = format != null ? format : ext;
        if (!chosen.equals("json") && !chosen.equals("csv") && !chosen.equals("ndjson")) {
            throw ToolException.usage("Unrecognized file format: " + (format != null ? format : name));
        }
        if (chosen.equals("csv")) {
            if (maxDocumentSize != null) {
                throw ToolException.usage("--max_document_size only affects importing JSON documents");
            }
            if (noHeader && customHeader == null) {
                throw ToolException.usage("--custom-header is required if --no-header is specified");
            }
        } else {
            String[][] notForJson = {
                    {delimiter, "--delimiter option is not valid for json files"},
                    {noHeader ? "" : null, "--no-header option is not valid for json files"},
                    {customHeader, "--custom-header option is not valid for json files"}};
            for (String[] rule : notForJson) {
                if (rule[0] != null) {
                    throw ToolException.usage(rule[1]);
                }
            }
        }
        Path infoFile = file.resolveSibling((dot < 0 ? name : name.substring(0, dot)) + ".info");
        TableInfo info = Files.isRegularFile(infoFile)
                ? TableInfo.parse(Files.readAllBytes(infoFile), infoFile.toString()) : null;
        if (info != null && noSecondaryIndexes) {
            info.fields().remove("indexes");
        }
        String primaryKey = pkey != null ? pkey : info == null ? null : info.primaryKey();
        SourceReaders.CsvOptions csv = new SourceReaders.CsvOptions(
                delimiter == null ? ',' : Options.delimiter(delimiter),
                customHeader == null ? null : Arrays.asList(customHeader.split(",")), noHeader);
        return new Source(new PlannedTable(target.db(), target.table(), info, primaryKey), file, chosen, csv);
    }
}
