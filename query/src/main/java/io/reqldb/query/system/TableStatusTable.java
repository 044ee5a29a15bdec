package io.reqldb.query.system;

import io.reqldb.datum.Datum;
import io.reqldb.storage.TableInfo;
import java.util.ArrayList;
import java.util.List;

/** {@code rethinkdb.table_status}: every table ready on the one server. Read-only. */
public final class TableStatusTable extends SystemTable {
    public TableStatusTable(SystemContext system, boolean uuidFormat) {
        super(system, "table_status", uuidFormat);
    }

    @Override
    protected List<Datum> rows() {
        List<Datum> out = new ArrayList<>();
        for (TableInfo t : TableRows.allTables(system)) {
            out.add(TableRows.status(system, t, uuidFormat));
        }
        return out;
    }
}
