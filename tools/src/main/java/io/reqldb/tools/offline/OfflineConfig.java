package io.reqldb.tools.offline;

import io.reqldb.rethinkdata.DataDirectory;
import io.reqldb.rethinkdata.Permissions;
import io.reqldb.rethinkdata.TableConfig;
import io.reqldb.rethinkdata.UserInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code --include-config} rows built from the metadata file instead of the system tables:
 * {@code table_config}, {@code users} and {@code permissions}, shaped as the server shows them
 * (what {@code restore --include-config} reads). The file keeps server ids, not names, for the
 * replicas; only their number matters to a restore, so they are named by position.
 */
final class OfflineConfig {
    private OfflineConfig() {}

    static List<Object> tableConfigs(DataDirectory dir, List<TableConfig> tables) {
        List<Object> rows = new ArrayList<>();
        for (TableConfig t : tables) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("db", dir.databaseName(t));
            row.put("durability", t.durability());
            row.put("id", t.id().toString());
            row.put("indexes", t.indexes().stream().map(TableConfig.IndexDefinition::name).toList());
            row.put("name", t.name());
            row.put("primary_key", t.primaryKey());
            List<Object> shards = new ArrayList<>();
            for (int s = 0; s < t.shards(); s++) {
                List<String> replicas = new ArrayList<>();
                for (int r = 1; r <= Math.max(1, t.replicas()); r++) {
                    replicas.add("replica_" + r);
                }
                Map<String, Object> shard = new LinkedHashMap<>();
                shard.put("nonvoting_replicas", List.of());
                shard.put("primary_replica", replicas.get(0));
                shard.put("replicas", replicas);
                shards.add(shard);
            }
            row.put("shards", shards);
            row.put("write_acks", t.writeAcks());
            row.put("write_hook", t.writeHook() == null ? null : OfflineTableInfo.binary(t.writeHook()));
            rows.add(row);
        }
        return rows;
    }

    static List<Object> users(DataDirectory dir) {
        List<Object> rows = new ArrayList<>();
        for (UserInfo u : dir.metadata().users()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", u.name());
            row.put("password", u.password() != null);
            rows.add(row);
        }
        return rows;
    }

    /** Permission rows at every scope that is in {@code tables} (global ones always). */
    static List<Object> permissions(DataDirectory dir, List<TableConfig> tables) {
        Set<UUID> dbs = new java.util.HashSet<>();
        Map<UUID, TableConfig> byId = new LinkedHashMap<>();
        for (TableConfig t : tables) {
            dbs.add(t.database());
            byId.put(t.id(), t);
        }
        List<Object> rows = new ArrayList<>();
        for (UserInfo u : dir.metadata().users()) {
            if (!u.global().isEmpty()) {
                rows.add(row(u.name(), null, null, u.global()));
            }
            u.databases().forEach((db, p) -> {
                if (dbs.contains(db) && !p.isEmpty() && dir.metadata().databases().containsKey(db)) {
                    rows.add(row(u.name(), dir.metadata().databases().get(db).name(), null, p));
                }
            });
            u.tables().forEach((id, p) -> {
                TableConfig t = byId.get(id);
                if (t != null && !p.isEmpty()) {
                    rows.add(row(u.name(), dir.databaseName(t), t.name(), p));
                }
            });
        }
        return rows;
    }

    private static Map<String, Object> row(String user, String db, String table, Permissions p) {
        Map<String, Object> row = new LinkedHashMap<>();
        if (db != null) {
            row.put("database", db);
        }
        Map<String, Object> rights = new LinkedHashMap<>();
        put(rights, "config", p.config());
        put(rights, "connect", db == null ? p.connect() : null);
        put(rights, "read", p.read());
        put(rights, "write", p.write());
        row.put("permissions", rights);
        if (table != null) {
            row.put("table", table);
        }
        row.put("user", user);
        return row;
    }

    private static void put(Map<String, Object> m, String key, Boolean value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
