package io.reqldb.query.system;

import io.reqldb.datum.Datum;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;

/** The {@code rethinkdb} database: its virtual tables by name. */
public final class SystemDatabase {
    public static final String NAME = "rethinkdb";

    /** The tables {@code table_list} shows (those starting with "_" exist but are hidden). */
    public static final List<String> VISIBLE_TABLES = List.of("cluster_config", "current_issues", "db_config",
            "jobs", "logs", "permissions", "server_config", "server_status", "stats", "table_config",
            "table_status", "users");

    private final SystemContext system;
    private final TreeMap<Datum, Datum> scratch = DebugScratchTable.newStore();

    public SystemDatabase(SystemContext system) {
        this.system = system;
    }

    public SystemContext context() {
        return system;
    }

    /** The table, or null when the system database has none of that name. */
    public SystemTable table(String name, boolean uuidFormat) {
        return switch (name) {
            case "cluster_config" -> new ClusterConfigTable(system, uuidFormat);
            case "current_issues" -> new CurrentIssuesTable(system, uuidFormat);
            case "db_config" -> new DbConfigTable(system, uuidFormat);
            case "jobs" -> new JobsTable(system, uuidFormat);
            case "logs" -> new LogsTable(system, uuidFormat);
            case "permissions" -> new PermissionsTable(system, uuidFormat);
            case "server_config" -> new ServerConfigTable(system, uuidFormat);
            case "server_status" -> new ServerStatusTable(system, uuidFormat);
            case "stats" -> new StatsTable(system, uuidFormat);
            case "table_config" -> new TableConfigTable(system, uuidFormat);
            case "table_status" -> new TableStatusTable(system, uuidFormat);
            case "users" -> new UsersTable(system, uuidFormat);
            case "snapshots" -> new SnapshotsTable(system, uuidFormat);
            case "_debug_scratch" -> new DebugScratchTable(system, uuidFormat, scratch);
            default -> null;
        };
    }

    /** The name of the system table with this id, or null. */
    static String systemTableName(UUID id) {
        for (String name : VISIBLE_TABLES) {
            if (UUID.nameUUIDFromBytes(("rethinkdb." + name).getBytes(StandardCharsets.UTF_8)).equals(id)) {
                return name;
            }
        }
        return null;
    }
}
