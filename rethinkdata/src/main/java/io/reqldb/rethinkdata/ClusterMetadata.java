package io.reqldb.rethinkdata;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The {@code metadata} file of a RethinkDB 2.1+ data directory: a B-tree (superblock
 * {@code "RDm?"}, block 0, whose last letter is the {@link ClusterVersion} the values are
 * serialized in; root id (uint64) at byte 4; leaves {@code "RDln"}) from string keys to
 * serialized values ({@code clustering/administration/persist/}). Read here:
 * <ul>
 * <li>{@code cluster_semilattice}: databases, a map from id to a deletable (optional) database
 *     whose name is a {@code versioned_t} (value, int64 timestamp, UUID tiebreaker);</li>
 * <li>{@code auth_semilattice} (from 2.3): users, a map from name to a versioned optional
 *     {@code user_t} (password, global, per-database and per-table permissions); in 2.1 and
 *     2.2 only the cluster's auth key, which becomes admin's password ({@link AuthKey});</li>
 * <li>{@code table.snapshot/<id>}: a table's Raft snapshot, whose state opens with the table's
 *     {@code table_config_t}, and {@code table.log/<id>/<index>}: later Raft log entries (type,
 *     term, an optional change whose first alternative sets a new config), applied in order;</li>
 * <li>{@code table.active/<id>}: the tables this server holds.</li>
 * </ul>
 * Data directories from before 2.1 (1.14 to 2.0) kept a different layout, read by
 * {@link LegacyMetadata} as RethinkDB 2.4 migrates it.
 */
public final class ClusterMetadata {
    private static final String HOOK_PREFIX = "$reql_write_hook_function$";

    private final ClusterVersion version;
    private final Map<UUID, DatabaseInfo> databases;
    private final Map<UUID, TableConfig> tables;
    private final List<UserInfo> users;

    private ClusterMetadata(ClusterVersion version, Map<UUID, DatabaseInfo> databases, Map<UUID, TableConfig> tables,
            List<UserInfo> users) {
        this.version = version;
        this.databases = databases;
        this.tables = tables;
        this.users = users;
    }

    static ClusterMetadata of(ClusterVersion version, Map<UUID, DatabaseInfo> databases, Map<UUID, TableConfig> tables,
            List<UserInfo> users) {
        return new ClusterMetadata(version, databases, tables, users);
    }

    /** Reads {@code path} (a {@code metadata} file; before 2.1, with its sibling {@code auth_metadata}). */
    public static ClusterMetadata read(Path path) {
        try (SerializerFile file = SerializerFile.open(path)) {
            try {
                return read(file, path.resolveSibling("auth_metadata"));
            } catch (RethinkDataException e) {
                throw e.in(path.toString());
            }
        }
    }

    static ClusterMetadata read(SerializerFile file, Path authFile) {
        byte[] sb = file.block(0);
        if (!Bytes.startsWith(sb, 0, "RDm")) {
            throw new RethinkDataException("metadata superblock (block 0, offset " + file.offsetOf(0)
                    + ") has magic \"" + Bytes.magic(sb, 0) + "\", not \"RDm?\"");
        }
        char letter = (char) sb[3];
        if (letter == 'd') {
            throw new RethinkDataException("metadata from RethinkDB 1.13, which RethinkDB 2.4 no longer reads");
        }
        ClusterVersion version = ClusterVersion.ofMagicLetter(letter);
        if (version.code < ClusterVersion.V2_1.code) {
            return LegacyMetadata.read(file, sb, version, authFile);
        }
        Map<String, byte[]> single = new TreeMap<>();
        Map<UUID, byte[]> snapshots = new LinkedHashMap<>();
        Map<UUID, TreeMap<String, byte[]>> logs = new LinkedHashMap<>();
        List<UUID> active = new ArrayList<>();
        BtreeCursor cursor = new BtreeCursor(file, Bytes.i64(sb, 4), "RDln");
        while (cursor.next()) {
            String key = new String(cursor.key(), StandardCharsets.UTF_8);
            if (key.startsWith("table.snapshot/")) {
                snapshots.put(UUID.fromString(key.substring(15)), cursor.value());
            } else if (key.startsWith("table.log/")) {
                UUID id = UUID.fromString(key.substring(10, 46));
                logs.computeIfAbsent(id, k -> new TreeMap<>()).put(key.substring(47), cursor.value());
            } else if (key.startsWith("table.active/")) {
                active.add(UUID.fromString(key.substring(13)));
            } else if (key.equals("cluster_semilattice") || key.equals("auth_semilattice")) {
                single.put(key, cursor.value());
            }
        }
        Map<UUID, DatabaseInfo> databases = single.containsKey("cluster_semilattice")
                ? databases(new Serial(single.get("cluster_semilattice"))) : Map.of();
        List<UserInfo> users = !single.containsKey("auth_semilattice") ? List.of()
                : version.code >= ClusterVersion.V2_3.code ? users(new Serial(single.get("auth_semilattice")))
                : AuthKey.admin(new Serial(single.get("auth_semilattice")));
        Map<UUID, TableConfig> tables = new LinkedHashMap<>();
        for (UUID id : active) {
            byte[] snapshot = snapshots.get(id);
            if (snapshot == null) {
                throw new RethinkDataException("table " + id + " is active but has no Raft snapshot in the metadata");
            }
            TableConfig config = tableConfig(id, new Serial(snapshot), version);
            for (Map.Entry<String, byte[]> entry : logs.getOrDefault(id, new TreeMap<>()).entrySet()) {
                TableConfig changed = logEntryConfig(id, new Serial(entry.getValue()), version);
                if (changed != null) {
                    config = changed;
                }
            }
            tables.put(id, config);
        }
        return new ClusterMetadata(version, databases, tables, users);
    }

    public ClusterVersion version() {
        return version;
    }

    /** True for metadata from before 2.1, whose tables keep their index definitions in their own files. */
    public boolean indexesInTableFiles() {
        return version.code < ClusterVersion.V2_1.code;
    }

    /** Databases by id, deleted ones left out. */
    public Map<UUID, DatabaseInfo> databases() {
        return databases;
    }

    /** The tables this server holds, by id. */
    public Map<UUID, TableConfig> tables() {
        return tables;
    }

    /** Users that exist (deleted ones left out), admin included. */
    public List<UserInfo> users() {
        return users;
    }

    private static Map<UUID, DatabaseInfo> databases(Serial in) {
        Map<UUID, DatabaseInfo> out = new LinkedHashMap<>();
        int n = in.count();
        for (int i = 0; i < n; i++) {
            UUID id = in.uuid();
            if (in.bool()) {
                String name = in.string();
                in.i64(); // versioned_t timestamp
                in.uuid(); // tiebreaker
                out.put(id, new DatabaseInfo(id, name));
            }
        }
        return out;
    }

    private static List<UserInfo> users(Serial in) {
        List<UserInfo> out = new ArrayList<>();
        int n = in.count();
        for (int i = 0; i < n; i++) {
            String name = in.string();
            boolean exists = in.bool();
            UserInfo user = null;
            if (exists) {
                int iterations = in.i32();
                byte[] salt = in.bytes(in.count());
                byte[] hash = in.bytes(in.count());
                boolean empty = in.bool();
                Permissions global = Permissions.read(in);
                Map<UUID, Permissions> dbs = permissionMap(in);
                Map<UUID, Permissions> tables = permissionMap(in);
                user = new UserInfo(name, empty ? null : new UserInfo.Password(iterations, salt, hash), global, dbs,
                        tables);
            }
            in.i64(); // versioned_t timestamp
            in.uuid(); // tiebreaker
            if (user != null) {
                out.add(user);
            }
        }
        return out;
    }

    private static Map<UUID, Permissions> permissionMap(Serial in) {
        Map<UUID, Permissions> out = new LinkedHashMap<>();
        int n = in.count();
        for (int i = 0; i < n; i++) {
            out.put(in.uuid(), Permissions.read(in));
        }
        return out;
    }

    /** A {@code raft_log_entry_t}'s new config, or null when the entry sets none. */
    private static TableConfig logEntryConfig(UUID id, Serial in, ClusterVersion version) {
        int type = in.u8();
        in.i64(); // term
        if (type != 0 || !in.bool()) {
            return null;
        }
        int alternative = in.u8();
        return alternative == 1 ? tableConfig(id, in, version) : null;
    }

    /** A {@code table_config_t} (the opening of a {@code table_config_and_shards_t}). */
    static TableConfig tableConfig(UUID id, Serial in, ClusterVersion version) {
        String name = in.string();
        UUID db = in.uuid();
        String primaryKey = in.string();
        int shards = in.count();
        int replicas = 0;
        for (int s = 0; s < shards; s++) {
            int all = in.count();
            replicas = s == 0 ? all : replicas;
            in.skip(16 * all);
            in.skip(16 * in.count()); // nonvoting replicas
            in.uuid(); // primary replica
        }
        List<TableConfig.IndexDefinition> indexes = new ArrayList<>();
        int n = in.count();
        for (int i = 0; i < n; i++) {
            String index = in.string();
            byte[] func = WireFunc.read(in, version);
            int funcVersion = in.u8();
            boolean multi = in.u8() == 1;
            boolean geo = in.u8() == 1;
            indexes.add(TableConfig.IndexDefinition.of(index, func, funcVersion, multi, geo));
        }
        byte[] hook = null;
        if (version.code >= ClusterVersion.V2_4.code && in.bool()) {
            byte[] func = WireFunc.read(in, version);
            in.u8(); // func_version
            ByteArrayOutputStream blob = new ByteArrayOutputStream();
            blob.writeBytes(HOOK_PREFIX.getBytes(StandardCharsets.US_ASCII));
            blob.writeBytes(func);
            hook = blob.toByteArray();
        }
        int acks = in.u8();
        int durability = in.u8();
        return new TableConfig(id, db, name, primaryKey, shards, replicas, List.copyOf(indexes), hook,
                acks == 0 ? "single" : "majority", durability == 1 ? "soft" : "hard");
    }
}
