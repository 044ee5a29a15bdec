package io.reqldb.tools.export;

import static com.rethinkdb.RethinkDB.r;

import com.rethinkdb.net.Connection;
import java.util.List;

/**
 * Waits until the tables to export can be read. A RethinkDB server serves a table only once its
 * replicas are ready, some seconds after it starts: reading before that fails with "primary
 * replica for shard ... not available", as the official dump does. ReqlDB's tables are ready
 * as soon as it answers.
 */
final class TableReadiness {
    /** How long a table may take to become ready before the export fails. */
    static final int TIMEOUT_SECONDS = 60;

    private TableReadiness() {
    }

    static void await(Connection conn, List<TableRef> tables, boolean readOutdated) {
        String readiness = readOutdated ? "ready_for_outdated_reads" : "ready_for_reads";
        for (TableRef t : tables) {
            r.db(t.db()).table(t.table()).wait_().optArg("wait_for", readiness)
                    .optArg("timeout", TIMEOUT_SECONDS).run(conn);
        }
    }
}
