package io.reqldb.tools.importer;

import static com.rethinkdb.RethinkDB.r;

import com.rethinkdb.net.Connection;
import io.reqldb.tools.ToolException;
import io.reqldb.tools.conn.Rows;
import io.reqldb.tools.conn.ServerVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The checks an import makes before writing any row: server version, the system database,
 * tables that already exist (refused without --force) and their primary keys. Unlike the
 * official tool, databases are created only after these checks pass, so a refused run leaves
 * nothing behind.
 */
public final class Preflight {
    private Preflight() {}

    /**
     * Checks, then creates missing databases. {@code ours} says which existing tables this run
     * may take over without --force (a resumed run's own tables). Returns the server's version.
     */
    static ServerVersion run(Connection conn, List<PlannedTable> tables, boolean force,
            Predicate<String> ours) {
        ServerVersion version = ServerVersion.read(conn).requireSupported();
        boolean hooks = tables.stream().anyMatch(t -> t.info() != null && t.info().writeHook() != null);
        if (hooks && !version.hasWriteHooks()) {
            throw ToolException.failure("RDB versions below doesn't support write-hooks");
        }
        Set<String> dbs = new LinkedHashSet<>();
        for (PlannedTable t : tables) {
            if (t.db().equals("rethinkdb")) {
                throw ToolException.failure("Error: Cannot import tables into the system database: 'rethinkdb'");
            }
            dbs.add(t.db());
        }
        Map<String, String> existing = new HashMap<>();
        for (Map<String, Object> row : Rows.of(
                r.db("rethinkdb").table("table_config").pluck(r.array("db", "name", "primary_key")), conn)) {
            existing.put(row.get("db") + "." + row.get("name"), String.valueOf(row.get("primary_key")));
        }
        TreeSet<String> refused = new TreeSet<>();
        for (PlannedTable t : tables) {
            String pk = existing.get(t.qualifiedName());
            if (pk == null) {
                continue;
            }
            if (!force && !ours.test(t.qualifiedName())) {
                refused.add(t.qualifiedName());
            } else if (t.primaryKey() != null && !t.primaryKey().equals(pk)) {
                throw ToolException.failure("Error: Table '" + t.qualifiedName() + "' already exists with a different primary key: "
                        + pk + " (expected: " + t.primaryKey() + ")");
            }
        }
        if (refused.size() == 1) {
            throw ToolException.failure("Error: Table '" + refused.first()
                    + "' already exists, run with --force to import into the existing table");
        }
        if (!refused.isEmpty()) {
            throw ToolException.failure("Error: The following tables already exist, run with --force to import into the existing tables:\n  "
                    + String.join("\n  ", refused));
        }
        r.expr(new ArrayList<>(dbs)).setDifference(r.dbList()).forEach(db -> r.dbCreate(db)).run(conn);
        return version;
    }

    /** Creates the table if missing, waits for it, and checks its primary key. */
    public static void createTable(Connection conn, PlannedTable t, Integer shards, Integer replicas) {
        r.expr(r.array(t.table())).setDifference(r.db(t.db()).tableList()).forEach(name -> {
            var create = r.db(t.db()).tableCreate(name);
            if (t.primaryKey() != null) {
                create = create.optArg("primary_key", t.primaryKey());
            }
            if (shards != null) {
                create = create.optArg("shards", shards);
            }
            if (replicas != null) {
                create = create.optArg("replicas", replicas);
            }
            return create;
        }).run(conn);
        r.db(t.db()).table(t.table()).wait_().optArg("timeout", 30).run(conn);
        Object pk = r.db(t.db()).table(t.table()).info().bracket("primary_key").run(conn).single();
        if (t.primaryKey() != null && !t.primaryKey().equals(pk)) {
            throw ToolException.failure("Error: table " + t.qualifiedName() + " primary key was `" + pk
                    + "` rather than the expected: " + t.primaryKey());
        }
    }
}
