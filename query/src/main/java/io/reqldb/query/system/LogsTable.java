package io.reqldb.query.system;

import io.reqldb.datum.Datum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.TimeDatum;
import io.reqldb.query.error.ReqlOpFailedError;
import io.reqldb.storage.Table.ChangeListener;
import io.reqldb.storage.Table.WriteResult;
import java.util.ArrayList;
import java.util.List;

/** {@code rethinkdb.logs}: the last messages of the server's log file, as RethinkDB's logs_backend.cc makes its rows. */
public final class LogsTable extends SystemTable {
    public LogsTable(SystemContext system, boolean uuidFormat) {
        super(system, "logs", uuidFormat);
    }

    @Override
    protected List<Datum> rows() {
        List<Datum> out = new ArrayList<>();
        for (LogHistory.Entry e : system.process().log().recent(LogHistory.ROWS)) {
            out.add(row(e));
        }
        return out;
    }

    /** Each message logged while the feed is open arrives as a new row, as RethinkDB's logs feed gives them. */
    @Override
    public AutoCloseable subscribe(ChangeListener listener) {
        return system.process().log().follow(e -> listener.onChanges(List.of(new WriteResult(null, row(e)))));
    }

    private Datum row(LogHistory.Entry e) {
        Object server = uuidFormat ? system.serverId().toString() : system.serverName();
        return Rows.obj("id", List.of(e.id(), system.serverId().toString()), "level", e.level(),
                "message", e.message(), "server", server,
                "timestamp", new TimeDatum(e.epochSeconds(), TimeDatum.UTC), "uptime", e.uptimeSeconds());
    }

    @Override
    protected void write(Datum key, ObjectDatum oldRow, ObjectDatum newRow) {
        throw new ReqlOpFailedError("It's illegal to write to the `rethinkdb.logs` system table.");
    }
}
