package io.reqldb.query.system;

import io.reqldb.datum.Datum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.query.error.ReqlOpFailedError;
import java.util.List;

/** {@code rethinkdb.cluster_config}: the {@code auth} and {@code heartbeat} rows. */
public final class ClusterConfigTable extends SystemTable {
    public ClusterConfigTable(SystemContext system, boolean uuidFormat) {
        super(system, "cluster_config", uuidFormat);
    }

    @Override
    protected List<Datum> rows() {
        return List.of(
                Rows.obj("id", "auth", "admin", Rows.obj("password", system.users().hasPassword(Users.ADMIN))),
                Rows.obj("id", "heartbeat", "heartbeat_timeout_secs", 10));
    }

    @Override
    protected void write(Datum key, ObjectDatum oldRow, ObjectDatum newRow) {
        if (newRow == null) {
            throw new ReqlOpFailedError("It's illegal to delete rows from the `rethinkdb.cluster_config` table.");
        }
        if (oldRow == null) {
            throw new ReqlOpFailedError("It's illegal to insert new rows into the `rethinkdb.cluster_config` table.");
        }
        throw new ReqlOpFailedError("It's illegal to write to the `rethinkdb.cluster_config` table.");
    }
}
