package io.reqldb.tools.cli;

import com.rethinkdb.net.Connection;
import io.reqldb.tools.ToolException;
import io.reqldb.tools.export.TableDiscovery;
import io.reqldb.tools.export.TableRef;
import io.reqldb.tools.sync.StopSignals;
import io.reqldb.tools.sync.Syncer;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sync}: live migration. Copies the selected tables of a running source into a target
 * and keeps them in sync until SIGINT/SIGTERM or {@code --until-idle}, then catches up, verifies
 * like {@code compare} and exits 0 only when both sides are equal.
 */
@Command(name = "sync", sortOptions = false, versionProvider = ToolVersion.class,
        customSynopsis = "reqldb sync -c HOST:PORT --to HOST:PORT [-e (DB | DB.TABLE)]... [--include-config] [--until-idle SECONDS] "
                + "[--changefeed-queue-size CHANGES] "
                + "[connection options of both sides]",
        description = "`reqldb sync` copies tables from a running server into another and keeps them in sync until cut-over",
        footer = {"", "EXAMPLES:", "reqldb sync -c old:28015 --to new:28015 -e app",
                "  Copy database 'app' and follow its changes; Ctrl-C (or SIGTERM) stops after catching up and verifying.", "",
                "reqldb sync -c old:28015 --to new:28015 --until-idle 30",
                "  Stop once no change has come for 30 seconds."})
public final class SyncCommand extends ToolCommand {
    @Mixin TargetConnectionOptions target;

    @Mixin NoPositionalArguments noPositional;

    @Option(names = {"-e", "--export"}, paramLabel = "DB|DB.TABLE",
            description = "limit the sync to the given database or table (may be specified multiple times)")
    List<String> selected = new ArrayList<>();

    @Option(names = "--until-idle", paramLabel = "SECONDS",
            description = "stop (after catching up and verifying) once no change has arrived for this long")
    Integer untilIdle;

    @Option(names = "--include-config",
            description = "also copy the tables' settings (shards, replicas, write acks, durability), the users (without "
                    + "passwords) and their permissions, as dump --include-config saves them")
    boolean includeConfig;

    @Option(names = "--changefeed-queue-size", paramLabel = "CHANGES",
            description = "changes the source may hold for each table's feed before it skips some (forcing a re-read of "
                    + "the table); default: the source's (100000)")
    Integer feedQueueSize;

    @Option(names = "--status-interval", paramLabel = "SECONDS", description = "seconds between progress lines (default: 5)")
    double statusSeconds = 5;

    @Override
    String failurePrefix() {
        return "Error: sync failed, ";
    }

    @Override
    int run() {
        noPositional.check();
        Options.positiveIfGiven("--until-idle", untilIdle);
        Options.positiveIfGiven("--changefeed-queue-size", feedQueueSize);
        if (!(statusSeconds > 0)) {
            throw ToolException.usage("--status-interval must be a positive number of seconds: " + statusSeconds);
        }
        var selectors = Selectors.parse(selected);
        var source = connection.resolve();
        var destination = target.resolve();
        List<TableRef> tables;
        try (Connection conn = source.connect()) {
            tables = TableDiscovery.find(conn, selectors);
        }
        long start = System.nanoTime();
        try (StopSignals stop = StopSignals.install()) {
            Syncer.Outcome outcome = new Syncer(source, destination,
                    new Syncer.Settings(untilIdle, statusSeconds, feedQueueSize, includeConfig), this::sayNow, stop::requested).run(tables);
            say(String.format("%s (%.2f seconds)", outcome.equal() ? "Done: source and target are equal"
                    : "Done, but source and target DIFFER", (System.nanoTime() - start) / 1e9));
            return outcome.equal() ? 0 : ToolException.FAILURE;
        }
    }

    private void sayNow(String message) {
        say(message);
        out().flush();
    }
}
