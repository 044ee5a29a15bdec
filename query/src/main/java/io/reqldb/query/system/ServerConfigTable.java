package io.reqldb.query.system;

import io.reqldb.datum.Datum;
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
}
