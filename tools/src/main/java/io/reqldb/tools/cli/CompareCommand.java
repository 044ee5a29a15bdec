package io.reqldb.tools.cli;

import com.rethinkdb.net.Connection;
import io.reqldb.tools.export.TableRef;
import io.reqldb.tools.sync.Comparer;
import io.reqldb.tools.sync.TableComparison;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code compare}: whether the selected tables hold the same rows, index definitions and write
 * hooks on two servers, from checksums each server computes itself. Exit 0 when every table is
 * equal, 1 when one differs, 2 for options or connecting.
 */
@Command(name = "compare", sortOptions = false, versionProvider = ToolVersion.class,
        customSynopsis = "reqldb compare -c HOST:PORT --to HOST:PORT [-e (DB | DB.TABLE)]... [connection options of both sides]",
        description = "`reqldb compare` checks that tables are equal on two RethinkDB or ReqlDB servers",
        footer = {"", "EXAMPLES:", "reqldb compare -c old:28015 --to new:28015 -e app",
                "  Compare every table of database 'app' on the two servers."})
public final class CompareCommand extends ToolCommand {
    @Mixin TargetConnectionOptions target;

    @Mixin NoPositionalArguments noPositional;

    @Option(names = {"-e", "--export"}, paramLabel = "DB|DB.TABLE",
            description = "limit the comparison to the given database or table (may be specified multiple times)")
    List<String> selected = new ArrayList<>();

    @Override
    String failurePrefix() {
        return "Error: compare failed, ";
    }

    @Override
    int run() {
        noPositional.check();
        var selectors = Selectors.parse(selected);
        var source = connection.resolve();
        var destination = target.resolve();
        try (Connection a = source.connect(); Connection b = destination.connect()) {
            Comparer comparer = new Comparer(a, b);
            return report(comparer, comparer.tables(selectors));
        }
    }

    private int report(Comparer comparer, List<TableRef> tables) {
        int different = 0;
        for (TableRef table : tables) {
            TableComparison result = comparer.compare(table);
            out().println(result.line());
            out().flush();
            if (!result.equal()) {
                different++;
            }
        }
        say(different == 0 ? "Equal: " + tables.size() + " tables" : "Different: " + different + " of " + tables.size() + " tables");
        return different == 0 ? 0 : 1;
    }
}
