package io.reqldb.tools.cli;

import io.reqldb.tools.importer.ImportSettings;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** How {@code import} and {@code restore} write tables: the options they share, with the official defaults. */
final class TableWriteOptions {
    @Option(names = "--clients", paramLabel = "CLIENTS", description = "client connections to use (default: 8)")
    int clients = 8;

    @Option(names = "--hard-durability", description = "use hard durability writes (slower, uses less memory)")
    boolean hardDurability;

    @Option(names = "--batch-size", hidden = true)
    int batchSize = 200;

    @Option(names = "--shards", paramLabel = "SHARDS", description = "shards to setup on created tables (default: 1)")
    Integer shards;

    @Option(names = "--replicas", paramLabel = "REPLICAS", description = "replicas to setup on created tables (default: 1)")
    Integer replicas;

    /** The official range checks, with their messages. */
    void check() {
        Options.positive("--clients", clients);
        Options.positive("--batch-size", batchSize);
        Options.positiveIfGiven("--shards", shards);
        Options.positiveIfGiven("--replicas", replicas);
    }

    /** The importer's settings: these options plus what each command decides itself. */
    ImportSettings settings(boolean force, boolean secondaryIndexes, List<String> fields, Path journal, boolean resume) {
        return new ImportSettings(clients, batchSize, hardDurability, force, secondaryIndexes, fields, shards, replicas,
                journal, resume);
    }
}
