package io.reqldb.query.system;

import io.reqldb.datum.Datum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.error.ReqlOpFailedError;
import java.util.List;

/**
 * {@code rethinkdb.snapshots} (a ReqlDB extension): inserting {@code {ttl: seconds}} pins a
 * point-in-time view of the store under the generated id, which queries then name with the
 * {@code snapshot} global optarg; deleting the row releases it. Rows cannot be changed.
 */
public final class SnapshotsTable extends SystemTable {
    public SnapshotsTable(SystemContext system, boolean uuidFormat) {
        super(system, "snapshots", uuidFormat);
    }

    @Override
    protected List<Datum> rows() {
        return system.snapshots().rows();
    }

    @Override
    protected void write(Datum key, ObjectDatum oldRow, ObjectDatum newRow) {
        if (!(key instanceof StringDatum id)) {
            throw new ReqlOpFailedError("A snapshot's `id` must be a string.");
        }
        if (newRow == null) {
            system.snapshots().release(id.value());
            return;
        }
        if (oldRow != null) {
            throw new ReqlOpFailedError("Snapshots cannot be changed; delete the row to release one.");
        }
        for (String field : newRow.fields().keySet()) {
            if (!field.equals("id") && !field.equals("ttl")) {
                throw new ReqlOpFailedError("Unexpected field `" + field + "` for a snapshot (expected `ttl`).");
            }
        }
        Datum ttl = newRow.get("ttl");
        if (!(ttl instanceof NumberDatum n)) {
            throw new ReqlOpFailedError("A snapshot needs a `ttl`: the number of seconds to keep it.");
        }
        system.snapshots().open(id.value(), n.value());
    }
}
