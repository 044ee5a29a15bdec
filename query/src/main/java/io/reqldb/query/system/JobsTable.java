package io.reqldb.query.system;

import io.reqldb.datum.Datum;
import java.util.List;

/** {@code rethinkdb.jobs}: running queries and index builds are not reported yet, so it is empty. */
public final class JobsTable extends SystemTable {
    public JobsTable(SystemContext system, boolean uuidFormat) {
        super(system, "jobs", uuidFormat);
    }

    @Override
    protected List<Datum> rows() {
        return List.of();
    }
}
