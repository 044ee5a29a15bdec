package io.reqldb.query.system;

import io.reqldb.datum.Datum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.TimeDatum;
import io.reqldb.query.error.ReqlOpFailedError;
import java.util.ArrayList;
import java.util.List;

/** {@code rethinkdb.logs}: the last messages of the server's log file, as RethinkDB's logs_backend.cc makes its rows. */
public final class LogsTable extends SystemTable {
    public LogsTable(SystemContext system, boolean uuidFormat) {
        super(system, "logs", uuidFormat);
    }

    @Override
    protected List<Datum> rows() {
        Object server = uuidFormat ? system.serverId().toString() : system.serverName();
        List<Datum> out = new ArrayList<>();
        for (LogHistory.Entry e : system.process().log().recent(LogHistory.ROWS)) {
            out.add(Rows.obj("id", List.of(e.id(), system.serverId().toString()), "level", e.level(),
                    "message", e.message(), "server", server,
                    "timestamp", new TimeDatum(e.epochSeconds(), TimeDatum.UTC), "uptime", e.uptimeSeconds()));
        }
        return out;
    }

    @Override
    protected void write(Datum key, ObjectDatum oldRow, ObjectDatum newRow) {
        throw new ReqlOpFailedError("It's illegal to write to the `rethinkdb.logs` system table.");
    }
}
