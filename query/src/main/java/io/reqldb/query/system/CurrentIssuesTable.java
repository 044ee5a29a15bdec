package io.reqldb.query.system;

import io.reqldb.datum.Datum;
import io.reqldb.storage.IndexStatus;
import io.reqldb.storage.TableInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code rethinkdb.current_issues}: a single healthy server has none, except RethinkDB's
 * {@code outdated_index} issue while indexes built under older index rules remain (after a data
 * migration); it is computed on each read, so it clears as soon as they are rebuilt.
 */
public final class CurrentIssuesTable extends SystemTable {
    /** RethinkDB's fixed id of the outdated_index issue. */
    static final String OUTDATED_INDEX_ID = "528f5239-096e-47a3-b263-7a06a256ecc3";

    public CurrentIssuesTable(SystemContext system, boolean uuidFormat) {
        super(system, "current_issues", uuidFormat);
    }

    @Override
    protected List<Datum> rows() {
        Datum outdated = outdatedIndexIssue(system, uuidFormat);
        return outdated == null ? List.of() : List.of(outdated);
    }

    /**
     * RethinkDB's outdated_index issue ({@code clustering/administration/issues/outdated_index.cc}):
     * info.tables lists {table, db, indexes} per table; the description ends with one line per
     * table, naming table then database as RethinkDB does. Null when no index is outdated.
     */
    static Datum outdatedIndexIssue(SystemContext system, boolean uuidFormat) {
        if (system.store() == null) {
            return null;
        }
        List<Object> tables = new ArrayList<>();
        StringBuilder lines = new StringBuilder();
        for (TableInfo t : TableRows.allTables(system)) {
            List<Object> names = new ArrayList<>();
            for (IndexStatus s : system.store().table(t.db(), t.name()).indexes()) {
                if (s.outdated()) {
                    names.add(s.definition().name());
                }
            }
            if (names.isEmpty()) {
                continue;
            }
            tables.add(Rows.obj("table", uuidFormat ? t.id().toString() : t.name(), "db",
                    TableRows.dbRef(t, uuidFormat), "indexes", names));
            StringBuilder list = new StringBuilder();
            for (Object n : names) {
                list.append(list.length() == 0 ? "" : ", ").append('`').append(n).append('`');
            }
            lines.append("\nFor table `").append(t.name()).append('.').append(t.db()).append("`: ").append(list);
        }
        if (tables.isEmpty()) {
            return null;
        }
        return Rows.obj("id", OUTDATED_INDEX_ID, "type", "outdated_index", "critical", false,
                "info", Rows.obj("tables", tables),
                "description", "The cluster contains indexes that were created with a previous version of the query"
                        + " language which contained some bugs.  These should be remade to avoid relying on broken"
                        + " behavior.  See http://www.rethinkdb.com/docs/troubleshooting/#my-secondary-index-is-outdated"
                        + " for details." + lines);
    }

    /** The log line the server writes at start while indexes are outdated, or null. */
    public static String startupWarning(SystemContext system) {
        Datum issue = outdatedIndexIssue(system, false);
        return issue == null ? null : ((io.reqldb.datum.StringDatum) ((io.reqldb.datum.ObjectDatum) issue)
                .get("description")).value();
    }
}
