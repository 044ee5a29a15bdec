package io.reqldb.tools.config;

import static com.rethinkdb.RethinkDB.r;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rethinkdb.gen.exc.ReqlError;
import com.rethinkdb.net.Connection;
import io.reqldb.tools.conn.Errors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code restore --include-config}: applies the files {@link ClusterConfig} saved, for the
 * restored tables only. Each step that the target refuses (for example more replicas than it has
 * servers) becomes a warning; the data is already restored by then.
 */
public final class ConfigRestorer {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

    private ConfigRestorer() {}

    /** Applies table settings, then creates missing users (without passwords), then grants. */
    public static void apply(Connection conn, Map<String, byte[]> files, Set<String> restoredTables,
            Consumer<String> warnings) throws IOException {
        apply(conn, new ConfigRows(rows(files.get(ClusterConfig.TABLES)), rows(files.get(ClusterConfig.USERS)),
                rows(files.get(ClusterConfig.PERMISSIONS))), restoredTables, warnings);
    }

    /**
     * Applies the settings of the tables named in {@code tables} ("db.table"), creates the users
     * missing (without passwords) and grants the permissions; admin's are left alone.
     */
    public static void apply(Connection conn, ConfigRows config, Set<String> tables, Consumer<String> warnings) {
        for (Map<String, Object> table : config.tableConfigs()) {
            String name = table.get("db") + "." + table.get("name");
            if (tables.contains(name)) {
                step(warnings, "table settings of " + name, () -> applyTable(conn, table));
            }
        }
        for (Map<String, Object> user : config.users()) {
            Object id = user.get("id");
            if (!"admin".equals(id)) {
                step(warnings, "user " + id, () -> r.db("rethinkdb").table("users")
                        .insert(r.hashMap("id", id).with("password", false)).optArg("conflict", "update").run(conn));
            }
        }
        for (Map<String, Object> permission : config.permissions()) {
            Object user = permission.get("user");
            if (!"admin".equals(user)) {
                step(warnings, "permissions of " + user, () -> grant(conn, permission));
            }
        }
    }

    private static void applyTable(Connection conn, Map<String, Object> config) {
        String db = String.valueOf(config.get("db"));
        String table = String.valueOf(config.get("name"));
        r.db("rethinkdb").table("table_config").filter(r.hashMap("db", db).with("name", table))
                .update(r.hashMap("durability", config.get("durability")).with("write_acks", config.get("write_acks")))
                .run(conn);
        List<?> shards = (List<?>) config.get("shards");
        if (shards != null && !shards.isEmpty()) {
            List<?> replicas = (List<?>) ((Map<?, ?>) shards.get(0)).get("replicas");
            r.db(db).table(table).reconfigure().optArg("shards", shards.size())
                    .optArg("replicas", replicas == null ? 1 : replicas.size()).run(conn);
        }
    }

    /** Grants at the row's scope: global, database or table. */
    private static void grant(Connection conn, Map<String, Object> permission) {
        Object user = permission.get("user");
        Object rights = permission.get("permissions");
        Object db = permission.get("database");
        Object table = permission.get("table");
        if (db == null) {
            r.grant(user, rights).run(conn);
        } else if (table == null) {
            r.db(db).grant(user, rights).run(conn);
        } else {
            r.db(db).table(table).grant(user, rights).run(conn);
        }
    }

    private static void step(Consumer<String> warnings, String what, Runnable action) {
        try {
            action.run();
        } catch (ReqlError e) {
            warnings.accept("Warning: could not apply " + what + ": " + Errors.describe(e));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(byte[] ndjson) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        if (ndjson == null) {
            return rows;
        }
        for (String line : new String(ndjson, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                rows.add(MAPPER.readValue(line, Map.class));
            }
        }
        return rows;
    }
}
