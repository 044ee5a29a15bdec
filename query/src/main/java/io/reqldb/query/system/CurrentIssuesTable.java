package io.reqldb.query.system;

import io.reqldb.datum.Datum;
import java.util.List;

/** {@code rethinkdb.current_issues}: a single healthy server has none. */
public final class CurrentIssuesTable extends SystemTable {
    public CurrentIssuesTable(SystemContext system, boolean uuidFormat) {
        super(system, "current_issues", uuidFormat);
    }

    @Override
    protected List<Datum> rows() {
        return List.of();
    }
}
