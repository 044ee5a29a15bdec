package io.reqldb.query.system;

import io.reqldb.datum.Datum;
import io.reqldb.datum.TimeDatum;
import io.reqldb.query.stats.Rates;
import io.reqldb.query.stats.ServerActivity;
import io.reqldb.storage.DatabaseInfo;
import io.reqldb.storage.Store;
import io.reqldb.storage.Table;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the system tables are computed from: the store's catalog, the settings the store does not
 * keep (write hooks, durability changes), the users and their permissions, and this server's
 * identity (one server: it is the primary replica of every table).
 */
public final class SystemContext {
    /** What {@code server_status} reports as the version; the official tools parse "rethinkdb X.Y.Z". */
    public static final String VERSION = "rethinkdb 2.4.4 (ReqlDB 0.1.0)";

    private final Store store;
    private final TableSettings settings;
    private final Users users;
    private final UUID serverId;
    private final String hostname;
    private volatile TimeDatum startTime;
    private volatile long pid = ProcessHandle.current().pid();
    private final SnapshotRegistry snapshots;
    /** What {@code server_status} and {@code logs} report of the process: see {@link #describeProcess}. */
    private volatile ServedProcess process;
    private final ServerActivity activity = new ServerActivity();
    private final Rates rates = new Rates();

    public SystemContext(Store store) {
        this.store = store;
        this.snapshots = new SnapshotRegistry(store);
        this.settings = new TableSettings();
        this.users = new Users();
        this.hostname = localHostname();
        String defaultName = hostname.replaceAll("[^A-Za-z0-9_]", "_");
        this.process = ServedProcess.embedded(defaultName);
        this.serverId = UUID.nameUUIDFromBytes(("server:" + defaultName).getBytes(StandardCharsets.UTF_8));
        this.startTime = startTimeOf(ProcessHandle.current());
        if (store != null) {
            SettingsStore saved = new SettingsStore(store);
            saved.initialize();
            users.attach(saved);
            settings.attach(saved);
        }
    }

    private static String localHostname() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "reqldb";
        }
    }

    /** What the serving process says of itself, once it listens. */
    public void describeProcess(ServedProcess process) {
        this.process = process;
    }

    public ServedProcess process() {
        return process;
    }

    /** Connections and queries, counted by the network layer serving this engine. */
    public ServerActivity activity() {
        return activity;
    }

    /** The per-second rates {@code rethinkdb.stats} (and the metrics endpoint) report. */
    public Rates rates() {
        return rates;
    }


    /** Snapshots pinned through {@code rethinkdb.snapshots}. */
    public SnapshotRegistry snapshots() {
        return snapshots;
    }

    public Store store() {
        return store;
    }

    /** Changefeed listeners of each system table, shared by every instance that names it. */
    private final Map<String, List<Table.ChangeListener>> listeners =
            new ConcurrentHashMap<>();

    /** Tells the changefeeds on a system table that one of its rows changed outside a write to it. */
    public void notifyChange(String table, Datum oldRow, Datum newRow) {
        if (Objects.equals(oldRow, newRow)) {
            return; // listeners are told only of changes (Table.ChangeListener)
        }
        var changes = List.of(new Table.WriteResult(oldRow, newRow));
        for (Table.ChangeListener l : listeners(table)) {
            l.onChanges(changes);
        }
    }

    List<Table.ChangeListener> listeners(String table) {
        return listeners.computeIfAbsent(table, t -> new CopyOnWriteArrayList<>());
    }

    /** The store's databases users see: all but the hidden one holding ReqlDB's own settings. */
    public List<DatabaseInfo> userDatabases() {
        List<DatabaseInfo> out = new ArrayList<>();
        for (DatabaseInfo db : store.databases()) {
            if (!SettingsStore.DATABASE.equals(db.name())) {
                out.add(db);
            }
        }
        return out;
    }

    public TableSettings settings() {
        return settings;
    }

    public Users users() {
        return users;
    }

    public UUID serverId() {
        return serverId;
    }

    /** The server's name: {@code --server-name}, by default derived from the host name. */
    public String serverName() {
        return process.name();
    }

    public String hostname() {
        return hostname;
    }

    /** When the process started. */
    private static TimeDatum startTimeOf(ProcessHandle process) {
        long started = process.info().startInstant()
                .map(java.time.Instant::toEpochMilli).orElse(System.currentTimeMillis());
        return new TimeDatum(started / 1000.0, TimeDatum.UTC);
    }

    /**
     * The process {@code server_status} names (pid, time started): the one the user started, which
     * may be this JVM's parent when {@code serve} started itself again with a sized JVM.
     */
    public void reportAs(ProcessHandle process) {
        this.pid = process.pid();
        this.startTime = startTimeOf(process);
    }

    public long pid() {
        return pid;
    }

    public TimeDatum startTime() {
        return startTime;
    }
}
