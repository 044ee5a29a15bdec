package io.reqldb.cli;

import io.reqldb.datum.BinaryDatum;
import io.reqldb.datum.DeepStackThreads;
import io.reqldb.datum.Datum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.query.eval.StoreCatalog;
import io.reqldb.query.system.SystemContext;
import io.reqldb.query.system.Users;
import io.reqldb.query.terms.index.IndexCreate;
import io.reqldb.query.terms.index.StoredFunctions;
import io.reqldb.rethinkdata.DataDirectory;
import io.reqldb.rethinkdata.DatumBuilder;
import io.reqldb.rethinkdata.DatabaseInfo;
import io.reqldb.rethinkdata.Permissions;
import io.reqldb.rethinkdata.RethinkDataException;
import io.reqldb.rethinkdata.TableConfig;
import io.reqldb.rethinkdata.TableFile;
import io.reqldb.rethinkdata.UserInfo;
import io.reqldb.storage.Durability;
import io.reqldb.storage.IndexDefinition;
import io.reqldb.storage.IndexStatus;
import io.reqldb.storage.Table;
import io.reqldb.storage.TableInfo;
import io.reqldb.storage.TableOptions;
import io.reqldb.storage.rocksdb.RocksStore;
import io.reqldb.storage.rocksdb.RocksStoreOptions;
import io.reqldb.tools.importer.ResumeJournal;
import io.reqldb.tools.progress.Progress;
import io.reqldb.tools.progress.ProgressTask;
import io.reqldb.query.terms.index.FieldLookups;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * {@code migrate --from-rethinkdb}: a new ReqlDB data directory made from a RethinkDB one read
 * from its files. Every database and table (primary key, durability, shards, write acks, write
 * hook), the rows, the secondary indexes (RethinkDB's own function blobs, rebuilt over the rows),
 * the users with their password hashes as they are (so passwords keep working) and their
 * permissions. The RethinkDB folder is only read.
 * <p>Resumable: the restore's {@link ResumeJournal} records, per table, how many of its rows (in
 * the file's primary-key order) are in the target after each batch, then that all are, then that
 * its indexes and settings are in place. A resumed run skips what the journal says is done and
 * continues each table after its recorded rows. Rows are written as soft writes, which like the
 * journal's lines survive a killed process; should a machine crash lose the rows but keep the
 * line, the resumed run finds the table's last recorded row missing and copies that table again.
 */
final class RethinkDataMigration {
    /** Rows per write batch: large enough to amortise a commit, small enough for any row size. */
    private static final int BATCH = 500;
    /** Tables copied at a time: one per core, as RocksDB takes writes to different tables at once. */
    private static final int PARALLEL_TABLES = Runtime.getRuntime().availableProcessors();

    private final DataDirectory source;
    private final PrintStream err;
    private final Progress progress;
    private final boolean continueOnError;
    private final ResumeJournal journal;
    /** Per table, the rows of its file known to be in the target (an earlier run's too). */
    private final Map<String, Long> copied = new ConcurrentHashMap<>();
    /** Per table opened, the row count its file's stat blocks record. */
    private final Map<String, Long> estimated = new ConcurrentHashMap<>();
    /** The tables whose every row is in the target. */
    private final Set<String> complete = ConcurrentHashMap.newKeySet();

    /**
     * {@code progress} shows each table's rows with rate and ETA, and its final count; {@code journal}
     * (new, or an interrupted run's) records what is done.
     */
    RethinkDataMigration(DataDirectory source, PrintStream err, Progress progress, boolean continueOnError,
            ResumeJournal journal) {
        this.source = source;
        this.err = err;
        this.progress = progress;
        this.continueOnError = continueOnError;
        this.journal = journal;
    }

    /**
     * Converts into {@code target} (new or empty, or the target of the interrupted run the journal
     * recorded); returns the tables that could not be read.
     */
    List<String> run(Path target) throws Exception {
        List<String> failed = new ArrayList<>();
        try (RocksStore store = RocksStore.open(target, RocksStoreOptions.DEFAULT, FieldLookups.INSTANCE)) {
            StoreCatalog catalog = new StoreCatalog(store);
            SystemContext system = catalog.system().context();
            for (DatabaseInfo db : source.metadata().databases().values()) {
                if (store.database(db.name()).isEmpty()) {
                    store.createDatabase(db.name());
                }
            }
            List<TableConfig> tables = source.tables();
            Map<UUID, TableInfo> created = new HashMap<>();
            for (TableConfig t : tables) {
                String db = source.databaseName(t);
                if (store.database(db).isEmpty()) {
                    store.createDatabase(db);
                }
                Optional<TableInfo> earlier = store.tables(db).stream().filter(i -> i.name().equals(t.name())).findFirst();
                Durability durability = "soft".equals(t.durability()) ? Durability.SOFT : Durability.HARD;
                created.put(t.id(), earlier.orElseGet(() ->
                        store.createTable(db, t.name(), new TableOptions(t.primaryKey(), durability))));
            }
            copyAll(store, tables, failed);
            for (TableConfig t : tables) {
                ResumeJournal.TableStep step = journal.recorded(qualified(t));
                if (step == null || !step.done()) {
                    settings(system, t, created.get(t.id()).id());
                    buildIndexes(catalog, t, store.table(source.databaseName(t), t.name()));
                    if (complete.contains(qualified(t))) {
                        journal.done(qualified(t));
                    }
                }
            }
            users(system.users(), created, store);
            store.sync();
        }
        return failed;
    }

    /**
     * What this run and the earlier ones it resumed did and did not do, for a run that stopped:
     * the tables whose rows are all in, then the others with how far they got.
     */
    List<String> state() {
        List<String> done = new ArrayList<>();
        List<String> notDone = new ArrayList<>();
        for (TableConfig t : source.tables()) {
            String name = qualified(t);
            Long rows = copied.get(name);
            if (complete.contains(name)) {
                done.add(name + " (" + rows + " rows)");
            } else if (rows == null) {
                notDone.add(name + " (not started)");
            } else {
                Long of = estimated.get(name);
                notDone.add(name + " (" + rows + (of == null ? "" : " of about " + of) + " rows copied)");
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("Rows copied completely: " + (done.isEmpty() ? "none" : String.join(", ", done)) + ".");
        lines.add("Not completely: " + (notDone.isEmpty() ? "none" : String.join(", ", notDone)) + ".");
        lines.add("Indexes, table settings, users and permissions are set once every table's rows are in.");
        return lines;
    }

    /**
     * Copies every table's rows, {@link #PARALLEL_TABLES} tables at a time, on deep-stack threads
     * (rows may nest as deep as the server allows). A table that cannot be read stops the
     * migration, or with {@code continueOnError} is listed in {@code failed} and keeps the rows
     * read before the damage. Returns only once no copy runs, so the store may close.
     */
    private void copyAll(RocksStore store, List<TableConfig> tables, List<String> failed) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(PARALLEL_TABLES, tables.size())),
                DeepStackThreads.daemons("migrate-table-"));
        try {
            List<Future<?>> copies = new ArrayList<>();
            for (TableConfig t : tables) {
                copies.add(pool.submit(() -> {
                    copyRows(t, store.table(source.databaseName(t), t.name()), qualified(t));
                    return null;
                }));
            }
            for (int i = 0; i < tables.size(); i++) {
                try {
                    copies.get(i).get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof RethinkDataException damaged) || !continueOnError) {
                        throw e.getCause() instanceof Exception cause ? cause : new IllegalStateException(e.getCause());
                    }
                    String name = qualified(tables.get(i));
                    failed.add(name + ": " + damaged.getMessage());
                    err.println("Error: table " + name + " could not be read completely (it keeps the rows read"
                            + " before the damage): " + damaged.getMessage());
                }
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(1, TimeUnit.HOURS);
        }
    }

    private String qualified(TableConfig t) {
        return source.databaseName(t) + "." + t.name();
    }

    /** A resumed table whose last recorded row is not in the target: the journal is ahead of the rows. */
    private static final class JournalAhead extends Exception {
        JournalAhead() {
            super(null, null, false, false);
        }
    }

    private void copyRows(TableConfig t, Table table, String name) throws Exception {
        ResumeJournal.TableStep step = journal.recorded(name);
        if (step != null && step.dataDone()) {
            copied.put(name, step.rows());
            complete.add(name);
            err.println(name + ": rows copied by an earlier run");
            return;
        }
        try {
            copyRows(t, table, name, step == null ? 0 : step.rows());
        } catch (JournalAhead e) {
            err.println(name + ": the last row an earlier run recorded is not in " + "the target (lost in a machine"
                    + " crash?): copying the table again from its first row");
            copyRows(t, table, name, 0);
        }
    }

    /** Copies the table's rows after its first {@code from}, which an earlier run wrote. */
    private void copyRows(TableConfig t, Table table, String name, long from) throws Exception {
        Durability soft = Durability.SOFT; // one sync at the end instead of one per batch
        List<Datum> keys = new ArrayList<>(BATCH);
        List<UnaryOperator<Datum>> changes = new ArrayList<>(BATCH);
        long[] written = {from};
        ProgressTask task = null;
        try (TableFile file = source.openTable(t)) {
            estimated.put(name, file.estimatedRows());
            copied.put(name, from);
            ProgressTask rows = progress.start(name, "rows", Math.max(0, file.estimatedRows() - from));
            task = rows;
            // Resuming, the first row read is the last one recorded: it must be in the target.
            boolean[] check = {from > 0};
            DatumBuilder built = new DatumBuilder();
            file.rows(Math.max(0, from - 1), built, () -> {
                Datum row = built.take();
                Datum key = ((ObjectDatum) row).get(t.primaryKey());
                if (check[0]) {
                    check[0] = false;
                    if (table.get(key) == null) {
                        throw new JournalAhead();
                    }
                    return;
                }
                keys.add(key);
                changes.add(old -> row);
                if (keys.size() == BATCH) {
                    write(table, name, keys, changes, written);
                }
                rows.advance(1);
                if (Thread.interrupted()) {
                    throw new InterruptedException("another table's copy failed");
                }
            });
            write(table, name, keys, changes, written);
            journal.dataDone(name);
            complete.add(name);
        } finally {
            // The rows read before a failure are written and recorded, so a resumed run continues after them.
            write(table, name, keys, changes, written);
            if (task != null) {
                progress.finish(task);
            }
        }
    }

    /** Writes a batch, then records it: the journal never claims rows that are not written. */
    private void write(Table table, String name, List<Datum> keys, List<UnaryOperator<Datum>> changes, long[] written)
            throws java.io.IOException {
        if (keys.isEmpty()) {
            return;
        }
        table.modifyAll(new ArrayList<>(keys), new ArrayList<>(changes), Durability.SOFT);
        written[0] += keys.size();
        keys.clear();
        changes.clear();
        copied.put(name, written[0]);
        journal.rows(name, written[0]);
    }

    private static void settings(SystemContext system, TableConfig t, UUID id) {
        system.settings().setShards(id, t.shards());
        system.settings().setWriteAcks(id, t.writeAcks());
        if (t.writeHook() != null) {
            system.settings().setWriteHook(id, BinaryDatum.wrap(t.writeHook()));
        }
    }

    /**
     * Creates the indexes from RethinkDB's blobs (those an interrupted run did not create) and waits
     * until they are built over the copied rows.
     */
    private void buildIndexes(StoreCatalog catalog, TableConfig t, Table table) throws InterruptedException {
        Set<String> existing = new java.util.HashSet<>();
        table.indexes().forEach(s -> existing.add(s.definition().name()));
        for (TableConfig.IndexDefinition index : t.indexes()) {
            if (existing.contains(index.name())) {
                continue;
            }
            StoredFunctions.IndexFunc f = StoredFunctions.decodeIndex(index.function());
            table.createIndex(new IndexDefinition(index.name(), index.function(), index.multi(), index.geo(),
                    IndexCreate.FORMAT_VERSION), catalog.indexCompiler().compile(f.func(), f.multi(), f.geo()));
        }
        while (!table.indexes().stream().allMatch(IndexStatus::ready)) {
            Thread.sleep(20);
        }
    }

    /** Users with their hashes unchanged, and their permissions at every scope that still exists. */
    private void users(Users users, Map<UUID, TableInfo> tables, RocksStore store) {
        Map<UUID, UUID> dbIds = new HashMap<>();
        for (DatabaseInfo db : source.metadata().databases().values()) {
            store.database(db.name()).ifPresent(d -> dbIds.put(db.id(), d.id()));
        }
        for (UserInfo u : source.metadata().users()) {
            if (Users.ADMIN.equals(u.name())) {
                continue; // admin always exists; its password (if any) is set below
            }
            users.importUser(u.name(), Optional.ofNullable(u.password())
                    .map(p -> new Users.Password(p.salt(), p.iterations(), p.saltedPassword())));
            grant(users, u.name(), Users.Scope.GLOBAL, u.global());
            u.databases().forEach((db, p) -> {
                if (dbIds.containsKey(db)) {
                    grant(users, u.name(), new Users.Scope(dbIds.get(db), null), p);
                }
            });
            u.tables().forEach((table, p) -> {
                TableInfo info = tables.get(table);
                if (info != null) {
                    grant(users, u.name(), new Users.Scope(info.dbId(), info.id()), p);
                }
            });
        }
        source.metadata().users().stream().filter(u -> Users.ADMIN.equals(u.name()) && u.password() != null)
                .findFirst().ifPresent(admin -> users.importUser(Users.ADMIN, Optional.of(new Users.Password(
                        admin.password().salt(), admin.password().iterations(), admin.password().saltedPassword()))));
    }

    private static void grant(Users users, String user, Users.Scope scope, Permissions p) {
        if (p.isEmpty()) {
            return;
        }
        TreeMap<String, Datum> m = ObjectDatum.newFieldMap();
        put(m, "read", p.read());
        put(m, "write", p.write());
        put(m, "config", p.config());
        if (scope.db() == null) {
            put(m, "connect", p.connect());
        }
        users.setPermissions(user, scope, ObjectDatum.wrap(m));
    }

    private static void put(TreeMap<String, Datum> m, String key, Boolean value) {
        if (value != null) {
            m.put(key, io.reqldb.datum.BoolDatum.of(value));
        }
    }
}
