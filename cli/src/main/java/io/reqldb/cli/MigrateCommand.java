package io.reqldb.cli;

import io.reqldb.datum.DeepStackThreads;
import io.reqldb.query.eval.StoreCatalog;
import io.reqldb.rethinkdata.DataDirectory;
import io.reqldb.rethinkdata.RethinkDataException;
import io.reqldb.query.system.CurrentIssuesTable;
import io.reqldb.query.terms.index.FieldLookups;
import io.reqldb.storage.StorageException;
import io.reqldb.storage.rocksdb.RocksStore;
import io.reqldb.storage.rocksdb.RocksStoreOptions;
import io.reqldb.storage.rocksdb.StartupDecision;
import io.reqldb.tools.importer.ResumeJournal;
import io.reqldb.tools.progress.Progress;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code reqldb migrate}: brings a data directory to this release's format offline, exactly as
 * {@code serve} does on start; with {@code --check}, only says what starting would do and
 * changes nothing. Exit code 0 when the directory is (or can be made) usable by this release,
 * 1 when it is refused.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Migrate a data directory to this release's format (serve does it on start), or with"
                + " --from-rethinkdb make one from a RethinkDB data directory."})
final class MigrateCommand implements Callable<Integer> {

    @Option(names = {"-d", "--directory"}, paramLabel = "PATH", defaultValue = "reqldb_data",
            description = "Data directory (default: ${DEFAULT-VALUE}).")
    Path directory;

    @Option(names = "--check", description = "Only report what starting on the directory would do; change nothing.")
    boolean check;

    @Option(names = "--from-rethinkdb", paramLabel = "RETHINKDB_DATA",
            description = "Make --directory (new or empty) from a RethinkDB data directory, read from its files: "
                    + "no RethinkDB needed; the RethinkDB folder is only read.")
    Path fromRethinkDb;

    @Option(names = "--continue-on-error",
            description = "With --from-rethinkdb: convert every table that can be read, list the others, exit 1.")
    boolean continueOnError;

    @Option(names = "--force", description = "With --from-rethinkdb: read the folder even though a running RethinkDB holds it.")
    boolean force;

    @Option(names = {"-q", "--quiet"}, description = "With --from-rethinkdb: no progress (rows, rate and ETA per table).")
    boolean quiet;

    @Option(names = "--resume", description = "With --from-rethinkdb: continue an interrupted conversion into"
            + " --directory, skipping the tables it completed and the rows it wrote.")
    boolean resume;

    /** The journal of a conversion into a directory, in that directory until the conversion completes. */
    static final String JOURNAL = "migrate_from_rethinkdb.journal";

    private final PrintStream out;
    private final PrintStream err;

    MigrateCommand() {
        this(System.out, System.err);
    }

    MigrateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        if (fromRethinkDb != null) {
            return fromRethinkDb();
        }
        StartupDecision decision;
        try {
            decision = StartupDecision.inspect(directory);
        } catch (StorageException damaged) {
            err.println(damaged.getMessage());
            return 1;
        }
        if (decision.refused()) {
            err.println(decision.message());
            return 1;
        }
        switch (decision.kind()) {
            case CREATE -> {
                out.println(directory + " holds no data: nothing to migrate.");
                return 0;
            }
            case OPEN -> {
                out.println(decision.message());
                return 0;
            }
            default -> {
                out.println(decision.message());
                if (check) {
                    return 0;
                }
            }
        }
        try (RocksStore store = RocksStore.open(directory, RocksStoreOptions.DEFAULT, FieldLookups.INSTANCE)) {
            out.println(directory + " is now in data format " + store.metadata().formatVersion() + ".");
            String outdated = CurrentIssuesTable.startupWarning(new StoreCatalog(store).system().context());
            if (outdated != null) {
                out.println(outdated);
                out.println("Rebuild them with `reqldb index-rebuild` while the server runs.");
            }
        }
        return 0;
    }

    /**
     * Runs {@code work} on a thread with a deep stack: rows may nest as deep as the server allows
     * and are read, parsed and stored recursively.
     */
    private static <T> T onDeepStack(Callable<T> work) throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor(DeepStackThreads.daemons("migrate-"));
        try {
            return thread.submit(work).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw (Error) e.getCause();
        } finally {
            thread.shutdown();
        }
    }

    /** {@code --from-rethinkdb}: a new ReqlDB data directory from a RethinkDB one. */
    private int fromRethinkDb() {
        Path journalFile = directory.resolve(JOURNAL);
        try {
            StartupDecision target = StartupDecision.inspect(directory);
            if (resume && !Files.isRegularFile(journalFile)) {
                err.println("Nothing to resume: " + directory + " holds no interrupted conversion (no " + JOURNAL
                        + "). Nothing was changed.");
                return 1;
            }
            if (!resume && target.kind() != StartupDecision.Kind.CREATE) {
                err.println(directory + " already holds data; give --directory a new or empty directory"
                        + (Files.isRegularFile(journalFile) ? ", or add --resume to continue the conversion"
                                + " that was interrupted there" : "") + ". Nothing was changed.");
                return 1;
            }
            DataDirectory source = DataDirectory.open(fromRethinkDb, force);
            String fingerprint = source.fingerprint();
            Files.createDirectories(directory);
            List<String> failed = List.of();
            Exception stopped = null;
            RethinkDataMigration migration;
            try (ResumeJournal journal = resume ? ResumeJournal.resume(journalFile) : ResumeJournal.create(journalFile);
                    Progress progress = quiet ? Progress.silent()
                            : System.console() != null ? Progress.toStderr() : Progress.plain(err)) {
                String recorded = journal.recordedSource();
                if (recorded != null && !recorded.equals(fingerprint)) {
                    // Its rows would continue another table's, or a changed one's, at a count that means nothing there.
                    err.println("Error: " + fromRethinkDb + " is not the RethinkDB folder the interrupted conversion into "
                            + directory + " was reading, or that folder has changed since (RethinkDB ran on it again?): "
                            + DataDirectory.fingerprintDifferences(recorded, fingerprint) + ". --resume continues only"
                            + " from the same, unchanged folder: give that one, or remove " + directory + " to convert"
                            + " this one from the start. Nothing was changed.");
                    return 1;
                }
                if (recorded == null) {
                    journal.source(fingerprint); // a new run, or one whose journal predates the check
                }
                out.println((resume ? "Resuming the conversion of RethinkDB " : "Converting RethinkDB ")
                        + source.metadata().version().label() + " data directory " + fromRethinkDb + " ("
                        + source.tables().size() + " tables) into " + directory + "...");
                migration = new RethinkDataMigration(source, err, progress, continueOnError, journal);
                try {
                    failed = onDeepStack(() -> migration.run(directory));
                } catch (Exception e) {
                    stopped = e;
                }
                if (stopped == null && failed.isEmpty()) {
                    journal.close(true);
                }
            }
            if (stopped != null) {
                err.println("Error: " + (stopped instanceof RethinkDataException || stopped instanceof StorageException
                        ? stopped.getMessage() : "migration failed: " + stopped));
                migration.state().forEach(err::println);
                err.println(directory + " is incomplete: once the cause is fixed, `reqldb migrate --from-rethinkdb "
                        + fromRethinkDb + " --directory " + directory + " --resume` continues where this run"
                        + " stopped (or remove " + directory + " to start again). --continue-on-error converts"
                        + " every table that can be read and lists the others.");
                return 1;
            }
            if (!failed.isEmpty()) {
                err.println("Error: " + failed.size() + " table(s) could not be read completely (each keeps the rows read"
                        + " before the damage; once fixed, --resume copies the rest):");
                failed.forEach(f -> err.println("  " + f));
                return 1;
            }
            out.println(directory + " is ready: `reqldb serve --directory " + directory + "`.");
            return 0;
        } catch (RethinkDataException | StorageException e) {
            err.println("Error: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("Error: migration failed: " + e);
            return 1;
        }
    }
}
