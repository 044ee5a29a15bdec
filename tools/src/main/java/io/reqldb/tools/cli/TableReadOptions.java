package io.reqldb.tools.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** What {@code dump} and {@code export} read: the options they share, with the official defaults. */
final class TableReadOptions {
    @Option(names = {"-e", "--export"}, paramLabel = "DB|DB.TABLE",
            description = "limit dump to the given database or table (may be specified multiple times)")
    List<String> exports = new ArrayList<>();

    @Option(names = "--clients", paramLabel = "NUM", description = "number of tables to export simultaneously (default: 3)")
    int clients = 3;

    @Option(names = "--read-outdated", description = "use outdated read mode")
    boolean readOutdated;

    /** The official range check, with its message. */
    void check() {
        Options.positive("--clients", clients);
    }
}
