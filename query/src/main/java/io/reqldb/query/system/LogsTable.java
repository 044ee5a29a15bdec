package io.reqldb.query.system;

import io.reqldb.datum.Datum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.query.error.ReqlOpFailedError;
import java.util.List;

/** {@code rethinkdb.logs}: one entry, the server's start. */
public final class LogsTable extends SystemTable {
    public LogsTable(SystemContext system, boolean uuidFormat) {
        super(system, "logs", uuidFormat);
    }

    @Override
    protected List<Datum> rows() {
        double t = system.startTime().epochSeconds();
        String id = String.format(java.util.Locale.ROOT, "%.6f", t);
        return List.of(Rows.obj("id", List.of(id, system.serverId().toString()), "level", "notice",
                "message", "Running " + SystemContext.VERSION + "...", "server", system.serverName(),
                "timestamp", system.startTime(), "uptime", 0));
    }

    @Override
    protected void write(Datum key, ObjectDatum oldRow, ObjectDatum newRow) {
        throw new ReqlOpFailedError("It's illegal to write to the `rethinkdb.logs` system table.");
    }
}
