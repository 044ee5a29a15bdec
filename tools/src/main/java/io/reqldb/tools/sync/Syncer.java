package io.reqldb.tools.sync;

import com.rethinkdb.net.Connection;
import io.reqldb.tools.ToolException;
import io.reqldb.tools.archive.TableInfo;
import io.reqldb.tools.config.ClusterConfig;
import io.reqldb.tools.config.ConfigRestorer;
import io.reqldb.tools.config.ConfigRows;
import io.reqldb.tools.conn.Endpoint;
import io.reqldb.tools.conn.ServerVersion;
import io.reqldb.tools.export.InfoQuery;
import io.reqldb.tools.export.TableRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * {@code sync}: copies tables from a running source into a target and keeps them in sync
 * ({@link TableSync} per table, one after the other, earlier tables catching up between the
 * pages of later ones), printing each table's progress and lag, until asked to stop or, with
 * an idle limit, until no change has come for that long. It then applies what is left, makes
 * the target's writes durable and compares both sides ({@link Comparer}).
 */
public final class Syncer {
    /**
     * How it runs: {@code untilIdleSeconds} null to run until stopped; status every
     * {@code statusSeconds}; {@code feedQueueSize} the source's {@code changefeed_queue_size}
     * for each feed, null for the server's default (100,000 on RethinkDB); {@code includeConfig}
     * to copy the tables' settings, users and permissions too (as {@code dump --include-config}).
     */
    public record Settings(Integer untilIdleSeconds, double statusSeconds, Integer feedQueueSize, boolean includeConfig) {}

    /** What it ended with: equal when every table compared equal and no row was refused. */
    public record Outcome(boolean equal, double firstInSyncSeconds, long rejectedRows) {}

    /** Changes that reach the feed after the stop was asked for, but were written before it. */
    private static final long SETTLE_MS = 1000;
    private static final long IDLE_POLL_MS = 20;

    private final Endpoint source;
    private final Endpoint target;
    private final Settings settings;
    private final Consumer<String> say;
    private final BooleanSupplier stopRequested;

    public Syncer(Endpoint source, Endpoint target, Settings settings, Consumer<String> say, BooleanSupplier stopRequested) {
        this.source = source;
        this.target = target;
        this.settings = settings;
        this.say = say;
        this.stopRequested = stopRequested;
    }

    /** Runs until stopped or idle, then verifies. */
    public Outcome run(List<TableRef> tables) {
        long start = System.nanoTime();
        double firstInSync;
        long rejected;
        Connection src = source.connect();
        Connection dst = target.connect();
        try {
            boolean sourceHooks = ServerVersion.read(src).requireSupported().hasWriteHooks();
            boolean targetHooks = ServerVersion.read(dst).requireSupported().hasWriteHooks();
            TargetTables.requireAbsent(dst, tables);
            List<TableSync> syncs = new ArrayList<>();
            try (TargetWriter writer = new TargetWriter(target, targetHooks, say)) {
                try {
                    Map<TableRef, String> primaryKeys = new LinkedHashMap<>();
                    for (TableRef ref : tables) {
                        TableInfo info = InfoQuery.read(src, ref, sourceHooks);
                        if (info.writeHook() != null && !targetHooks) {
                            throw ToolException.failure("Error: " + ref + " has a write hook and the target ("
                                    + target.address() + ") has no write hooks (RethinkDB before 2.3.7)");
                        }
                        TargetTables.create(dst, ref, info);
                        primaryKeys.put(ref, info.primaryKey());
                    }
                    if (settings.includeConfig()) {
                        copyConfig(src, dst, tables);
                    }
                    for (TableRef ref : tables) {
                        TableSync sync = new TableSync(ref, primaryKeys.get(ref), source, settings.feedQueueSize(), writer);
                        syncs.add(sync);
                        Status status = new Status(syncs);
                        sync.start(() -> {
                            syncs.stream().filter(s -> s != sync).forEach(s -> s.catchUp(say));
                            status.maybePrint();
                        });
                        say.accept(ref + ": " + sync.copied() + " rows copied");
                    }
                    firstInSync = follow(syncs, start);
                    for (TableSync sync : syncs) {
                        writer.flush(sync.table());
                    }
                } finally {
                    syncs.forEach(TableSync::close);
                }
                rejected = writer.rejected();
            }
        } finally {
            src.close(false); // it may have dropped: no noreply_wait
            dst.close(false);
        }
        return new Outcome(verify(tables) && rejected == 0, firstInSync, rejected);
    }

    /**
     * The tables' settings (shards, replicas, write acks, durability), the users (without
     * passwords, which servers never reveal) and the permissions that concern the tables.
     */
    private void copyConfig(Connection src, Connection dst, List<TableRef> tables) {
        ConfigRows config = ClusterConfig.read(src, tables);
        Set<String> names = new HashSet<>();
        tables.forEach(t -> names.add(t.toString()));
        ConfigRestorer.apply(dst, config, names, say);
        long users = config.users().stream().filter(u -> !"admin".equals(u.get("id"))).count();
        say.accept("Configuration copied: settings of " + config.tableConfigs().size() + " tables, " + users
                + " users (without passwords: set them on the target), " + config.permissions().size() + " permission rows");
    }

    /** Applies changes until stopped or idle; returns the seconds until all tables first caught up. */
    private double follow(List<TableSync> syncs, long start) {
        Status status = new Status(syncs);
        double firstInSync = -1;
        long idleSince = System.nanoTime();
        while (true) {
            int applied = 0;
            for (TableSync sync : syncs) {
                applied += sync.catchUp(say);
            }
            boolean caughtUp = syncs.stream().allMatch(s -> s.behind() == 0 && !s.needsRepair());
            long now = System.nanoTime();
            if (caughtUp && firstInSync < 0) {
                firstInSync = (now - start) / 1e9;
                say.accept(String.format("In sync: %d tables caught up %.1f s after the start", syncs.size(), firstInSync));
            }
            if (stopRequested.getAsBoolean()) {
                say.accept("Stopping: applying the last changes");
                settle(syncs);
                break;
            }
            long lastArrival = syncs.stream().mapToLong(TableSync::lastArrival).max().orElse(now);
            idleSince = Math.max(idleSince, lastArrival);
            if (settings.untilIdleSeconds() != null && caughtUp
                    && now - idleSince >= settings.untilIdleSeconds() * 1_000_000_000L) {
                say.accept("Idle for " + settings.untilIdleSeconds() + " s: stopping");
                settle(syncs);
                break;
            }
            status.maybePrint();
            if (applied == 0) {
                sleep(IDLE_POLL_MS);
            }
        }
        status.print();
        return firstInSync;
    }

    /** Lets changes already on their way arrive, then applies everything received. */
    private void settle(List<TableSync> syncs) {
        sleep(SETTLE_MS);
        boolean again = true;
        while (again) {
            again = false;
            for (TableSync sync : syncs) {
                again |= sync.catchUp(say) > 0 || sync.needsRepair();
            }
        }
    }

    /** Compares on new connections: those of the sync may have dropped on the way. */
    private boolean verify(List<TableRef> tables) {
        say.accept("Verifying:");
        try (Connection src = source.connect(); Connection dst = target.connect()) {
            Comparer comparer = new Comparer(src, dst);
            boolean equal = true;
            for (TableRef ref : tables) {
                TableComparison result = comparer.compare(ref);
                say.accept("  " + result.line());
                equal &= result.equal();
            }
            return equal;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ToolException.failure("interrupted");
        }
    }

    /** Per-table progress and lag, at most every {@code statusSeconds}. */
    private final class Status {
        private final List<TableSync> syncs;
        private long last = System.nanoTime();

        Status(List<TableSync> syncs) {
            this.syncs = syncs;
        }

        void maybePrint() {
            if (System.nanoTime() - last >= settings.statusSeconds() * 1e9) {
                print();
            }
        }

        void print() {
            last = System.nanoTime();
            for (TableSync s : syncs) {
                say.accept(String.format("%s: %d rows copied, %d changes applied, lag %d changes / %.1f s%s", s.table(),
                        s.copied(), s.applied(), s.behind(), s.secondsBehind(),
                        s.repairs() > 0 ? ", " + s.repairs() + " re-reads" : ""));
            }
        }
    }
}
