package io.reqldb.tools.config;

import static com.rethinkdb.RethinkDB.r;

import com.rethinkdb.net.Connection;
import io.reqldb.tools.archive.ArchiveReader;
import io.reqldb.tools.archive.ArchiveWriter;
import io.reqldb.tools.conn.Rows;
import io.reqldb.tools.export.TableRef;
import io.reqldb.tools.format.PyJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code dump --include-config}: what the official dump leaves out, saved as NDJSON files under
 * {@code <top>/.reqldb/}: the {@code table_config} rows of the dumped tables (shards, replicas,
 * write_acks, durability), {@code users} and {@code permissions}. The official restore ignores
 * these members (it only reads {@code .json}, {@code .csv} and {@code .info}). The server never
 * reveals password hashes, so users are saved without passwords.
 */
public final class ClusterConfig {
    /** Member names inside the config folder. */
    static final String TABLES = "table_config.ndjson";
    static final String USERS = "users.ndjson";
    static final String PERMISSIONS = "permissions.ndjson";

    private ClusterConfig() {}

    /** Reads the configuration of {@code tables} and adds it to the archive. */
    public static void save(Connection conn, List<TableRef> tables, ArchiveWriter archive) throws IOException {
        ConfigRows rows = read(conn, tables);
        write(archive, rows.tableConfigs(), rows.users(), rows.permissions());
    }

    /**
     * The {@code table_config} rows of {@code tables}, every user, and the permissions granted
     * globally, on their databases or on them.
     */
    public static ConfigRows read(Connection conn, List<TableRef> tables) {
        Set<TableRef> chosen = Set.copyOf(tables);
        Set<String> dbs = new HashSet<>();
        tables.forEach(t -> dbs.add(t.db()));
        List<Map<String, Object>> configs = new ArrayList<>();
        for (Map<String, Object> row : Rows.of(r.db("rethinkdb").table("table_config"), conn)) {
            if (chosen.contains(new TableRef(String.valueOf(row.get("db")), String.valueOf(row.get("name"))))) {
                configs.add(row);
            }
        }
        List<Map<String, Object>> permissions = new ArrayList<>();
        for (Map<String, Object> row : Rows.of(r.db("rethinkdb").table("permissions"), conn)) {
            Object db = row.get("database");
            Object table = row.get("table");
            boolean inScope = db == null || (table == null ? dbs.contains(db)
                    : chosen.contains(new TableRef(String.valueOf(db), String.valueOf(table))));
            if (inScope) {
                permissions.add(row);
            }
        }
        List<Map<String, Object>> users = new ArrayList<>(Rows.of(r.db("rethinkdb").table("users"), conn));
        return new ConfigRows(configs, users, permissions);
    }

    /**
     * Adds the config members from rows already read: {@code table_config}, {@code users} and
     * {@code permissions} rows as the system tables show them (shared with {@code dump --data-dir},
     * which builds them from RethinkDB's metadata file).
     */
    public static void write(ArchiveWriter archive, List<?> configs, List<?> users, List<?> permissions)
            throws IOException {
        String folder = ArchiveReader.CONFIG_FOLDER + "/";
        archive.addBytes(folder + TABLES, ndjson(configs));
        archive.addBytes(folder + USERS, ndjson(users));
        archive.addBytes(folder + PERMISSIONS, ndjson(permissions));
    }

    private static byte[] ndjson(List<?> rows) {
        StringBuilder out = new StringBuilder();
        for (Object row : rows) {
            PyJson.append(out, row);
            out.append('\n');
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
