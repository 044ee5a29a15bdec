package io.reqldb.tools.cli;

import com.rethinkdb.net.Connection;
import io.reqldb.tools.ToolException;
import io.reqldb.tools.export.TableDiscovery;
import io.reqldb.tools.export.TableRef;
import io.reqldb.tools.export.TableSelector;
import io.reqldb.tools.progress.Progress;
import io.reqldb.tools.progress.ProgressTask;
import io.reqldb.tools.rebuild.IndexRebuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code index-rebuild}: re-creates outdated (or, with --force, all) secondary indexes in place. */
@Command(name = "index-rebuild", sortOptions = false, versionProvider = ToolVersion.class,
        customSynopsis = "reqldb index-rebuild [-c HOST:PORT] [-n NUM] [-r (DB | DB.TABLE)] [--tls-cert FILENAME] "
                + "[-p] [--password-file FILENAME]...",
        description = "'reqldb index-rebuild' recreates outdated secondary indexes in a cluster. This should be used "
                + "after upgrading to a newer version of RethinkDB or ReqlDB. There will be a brief period when the index is "
                + "not available for use.",
        footer = {"", "EXAMPLES:", "", "reqldb index-rebuild -c mnemosyne:39500",
                "  rebuild all outdated secondary indexes from the cluster through the host 'mnemosyne',",
                "  one at a time", "", "reqldb index-rebuild -r test -r production.users -n 5",
                "  rebuild all outdated secondary indexes from a local cluster on all tables in the",
                "  'test' database as well as the 'production.users' table, five at a time"})
public final class IndexRebuildCommand extends ToolCommand {
    @Option(names = {"-r", "--rebuild"}, paramLabel = "DB|DB.TABLE",
            description = "databases or tables to rebuild indexes on (default: all, may be specified multiple times)")
    List<String> rebuild = new ArrayList<>();

    @Option(names = "-n", paramLabel = "NUM", description = "concurrent indexes to rebuild (default: 1)")
    int concurrency = 1;

    @Option(names = "--force", description = "rebuild non-outdated indexes")
    boolean force;

    @Parameters(hidden = true)
    List<String> positional = new ArrayList<>();

    @Override
    int run() throws Exception {
        if (!positional.isEmpty()) {
            throw ToolException.usage("Error: No positional arguments supported. Unrecognized option '" + positional.get(0) + "'");
        }
        Options.positive("-n", concurrency);
        List<TableSelector> selectors = Selectors.parse(rebuild);
        var endpoint = connection.resolve();
        long start = System.nanoTime();
        try (Connection conn = endpoint.connect(); Progress progress = progress()) {
            List<TableRef> tables = tables(conn, selectors);
            IndexRebuilder rebuilder = new IndexRebuilder(conn);
            List<IndexRebuilder.Item> items = rebuilder.plan(tables, force);
            if (items.isEmpty()) {
                say("No indexes to rebuild");
                return 0;
            }
            say(String.format("Rebuilding %d index%s: %s", items.size(), items.size() > 1 ? "es" : "",
                    items.stream().map(Object::toString).collect(Collectors.joining(", "))));
            ProgressTask task = progress.start("indexes", "indexes", items.size());
            rebuilder.rebuild(items, concurrency, task);
            progress.finish(task);
        }
        say(String.format("Done (%d seconds)", Math.round((System.nanoTime() - start) / 1e9)));
        return 0;
    }

    /** A db-only {@code -r} expands to its tables (the official tool crashes on it). */
    private static List<TableRef> tables(Connection conn, List<TableSelector> selectors) {
        List<TableRef> all = TableDiscovery.find(conn, List.of());
        if (selectors.isEmpty()) {
            return all;
        }
        List<TableRef> chosen = new ArrayList<>();
        for (TableSelector selector : selectors) {
            if (selector.table() != null && !all.contains(new TableRef(selector.db(), selector.table()))) {
                throw ToolException.failure("Error: Table not found: '" + selector.db() + "." + selector.table() + "'");
            }
            all.stream().filter(t -> selector.matches(t.db(), t.table()) && !chosen.contains(t)).forEach(chosen::add);
        }
        return chosen;
    }
}
