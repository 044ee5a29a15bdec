package io.reqldb.cli;

import io.reqldb.datum.BinaryDatum;
import io.reqldb.datum.DeepStackThreads;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumJson;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.query.eval.StoreCatalog;
import io.reqldb.query.system.SystemContext;
import io.reqldb.query.system.Users;
import io.reqldb.query.terms.index.IndexCreate;
import io.reqldb.query.terms.index.StoredFunctions;
import io.reqldb.rethinkdata.DataDirectory;
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
import java.util.TreeMap;
import java.util.UUID;
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

    /** {@code progress} shows each table's rows with rate and ETA, and its final count. */
    RethinkDataMigration(DataDirectory source, PrintStream err, Progress progress, boolean continueOnError) {
        this.source = source;
        this.err = err;
        this.progress = progress;
        this.continueOnError = continueOnError;
    }

    /** Converts into {@code target} (new or empty); returns the tables that could not be read. */
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
                Durability durability = "soft".equals(t.durability()) ? Durability.SOFT : Durability.HARD;
                created.put(t.id(), store.createTable(db, t.name(), new TableOptions(t.primaryKey(), durability)));
            }
            copyAll(store, tables, failed);
            for (TableConfig t : tables) {
                settings(system, t, created.get(t.id()).id());
                buildIndexes(catalog, t, store.table(source.databaseName(t), t.name()));
            }
            users(system.users(), created, store);
            store.sync();
        }
        return failed;
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

    private void copyRows(TableConfig t, Table table, String name) throws Exception {
        Durability soft = Durability.SOFT; // one sync at the end instead of one per batch
        List<Datum> keys = new ArrayList<>(BATCH);
        List<UnaryOperator<Datum>> changes = new ArrayList<>(BATCH);
        ProgressTask task = null;
        try (TableFile file = source.openTable(t)) {
            ProgressTask rows = progress.start(name, "rows", file.estimatedRows());
            task = rows;
            file.rows((json, length) -> {
                Datum row = DatumJson.parse(java.util.Arrays.copyOf(json, length));
                Datum key = ((ObjectDatum) row).get(t.primaryKey());
                keys.add(key);
                changes.add(old -> row);
                if (keys.size() == BATCH) {
                    table.modifyAll(new ArrayList<>(keys), new ArrayList<>(changes), soft);
                    keys.clear();
                    changes.clear();
                }
                rows.advance(1);
                if (Thread.interrupted()) {
                    throw new InterruptedException("another table's copy failed");
                }
            });
        } finally {
            if (!keys.isEmpty()) {
                table.modifyAll(keys, changes, soft);
            }
            if (task != null) {
                progress.finish(task);
            }
        }
    }

    private static void settings(SystemContext system, TableConfig t, UUID id) {
        system.settings().setShards(id, t.shards());
        system.settings().setWriteAcks(id, t.writeAcks());
        if (t.writeHook() != null) {
            system.settings().setWriteHook(id, BinaryDatum.wrap(t.writeHook()));
        }
    }

    /** Creates the indexes from RethinkDB's blobs and waits until they are built over the copied rows. */
    private void buildIndexes(StoreCatalog catalog, TableConfig t, Table table) throws InterruptedException {
        for (TableConfig.IndexDefinition index : t.indexes()) {
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
