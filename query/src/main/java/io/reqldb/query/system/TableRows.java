package io.reqldb.query.system;

import io.reqldb.datum.Datum;
import io.reqldb.datum.NullDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.storage.DatabaseInfo;
import io.reqldb.storage.IndexStatus;
import io.reqldb.storage.Table;
import io.reqldb.storage.TableInfo;
import java.util.ArrayList;
import java.util.List;

/** The {@code table_config} and {@code table_status} rows of a user table (one server, one shard). */
public final class TableRows {
    private TableRows() {
    }

    /** Every user table of the store, in database then table name order. */
    static List<TableInfo> allTables(SystemContext system) {
        List<TableInfo> out = new ArrayList<>();
        for (DatabaseInfo db : system.userDatabases()) {
            try {
                out.addAll(system.store().tables(db.name()));
            } catch (io.reqldb.storage.StorageException e) {
                // dropped meanwhile
            }
        }
        return out;
    }

    /** How a row names a database: by name, or by id with identifier_format "uuid". */
    static Datum dbRef(TableInfo t, boolean uuidFormat) {
        return Rows.str(uuidFormat ? t.dbId() : t.db());
    }

    public static ObjectDatum config(SystemContext system, TableInfo t, boolean uuidFormat) {
        List<Object> indexes = new ArrayList<>();
        try {
            for (IndexStatus s : system.store().table(t.db(), t.name()).indexes()) {
                indexes.add(s.definition().name());
            }
        } catch (io.reqldb.storage.StorageException e) {
            // dropped meanwhile
        }
        Object server = uuidFormat ? system.serverId().toString() : system.serverName();
        Datum hookSource = system.settings().writeHookSource(t.id());
        Datum hook = hookSource == null ? NullDatum.INSTANCE
                : io.reqldb.query.terms.index.StoredFunctions.writeHookInfo(hookSource);
        return Rows.obj(
                "db", dbRef(t, uuidFormat),
                "durability", system.settings().durability(t.id(), t.durability()).reqlName(),
                "id", t.id().toString(),
                "indexes", indexes,
                "name", t.name(),
                "primary_key", t.primaryKey(),
                "shards", java.util.Collections.nCopies(system.settings().shards(t.id()),
                        Rows.obj("nonvoting_replicas", List.of(), "primary_replica", server, "replicas", List.of(server))),
                "write_acks", system.settings().writeAcks(t.id()),
                "write_hook", hook);
    }

    public static ObjectDatum status(SystemContext system, TableInfo t, boolean uuidFormat) {
        Object server = uuidFormat ? system.serverId().toString() : system.serverName();
        return Rows.obj(
                "db", dbRef(t, uuidFormat),
                "id", t.id().toString(),
                "name", t.name(),
                "raft_leader", server,
                "shards", java.util.Collections.nCopies(system.settings().shards(t.id()),
                        Rows.obj("primary_replicas", List.of(server),
                                "replicas", List.of(Rows.obj("server", server, "state", "ready")))),
                "status", Rows.obj("all_replicas_ready", true, "ready_for_outdated_reads", true,
                        "ready_for_reads", true, "ready_for_writes", true));
    }
}
