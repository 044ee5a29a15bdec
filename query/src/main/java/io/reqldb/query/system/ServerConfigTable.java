package io.reqldb.query.system;

import io.reqldb.datum.Datum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.query.error.ReqlOpFailedError;
import java.util.List;

/** {@code rethinkdb.server_config}: the one server, its name and tags. Read-only here. */
public final class ServerConfigTable extends SystemTable {
    public ServerConfigTable(SystemContext system, boolean uuidFormat) {
        super(system, "server_config", uuidFormat);
    }

    @Override
    protected List<Datum> rows() {
        return List.of(Rows.obj("cache_size_mb", "auto", "id", system.serverId().toString(),
                "name", system.serverName(), "tags", List.of("default")));
    }

    @Override
    protected void write(Datum key, ObjectDatum oldRow, ObjectDatum newRow) {
        if (oldRow == null) {
            throw new ReqlOpFailedError("It's illegal to insert new rows into the `rethinkdb.server_config` system "
                    + "table.");
        }
        if (newRow == null) {
            throw new ReqlOpFailedError("It's illegal to delete rows from the `rethinkdb.server_config` system table.");
        }
        throw new ReqlOpFailedError("ReqlDB runs as one server; its name and tags cannot be changed here.");
    }
}
