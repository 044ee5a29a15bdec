package io.reqldb.tools.importer;

import static com.rethinkdb.RethinkDB.r;

import com.rethinkdb.gen.ast.Insert;
import com.rethinkdb.gen.exc.ReqlDriverError;
import io.reqldb.tools.ToolException;
import io.reqldb.tools.conn.Endpoint;
import io.reqldb.tools.conn.RowsConnection;
import java.util.Map;

/**
 * Inserts batches over one connection with the official query:
 * {@code insert([docs], durability, conflict)}, checking {@code errors} and the counts. After a
 * dropped connection it reconnects and re-sends the batch with {@code conflict: "replace"},
 * because part of it may already be in the table (the table is new or --force was given, so
 * the only documents it can meet are this batch's own).
 */
final class BatchWriter implements AutoCloseable {
    private static final int RECONNECT_TRIES = 5;

    private final Endpoint endpoint;
    private final String durability;
    private final boolean serverHasHooks;
    private RowsConnection conn;

    BatchWriter(Endpoint endpoint, boolean hardDurability, boolean serverHasHooks) {
        this.endpoint = endpoint;
        this.durability = hardDurability ? "hard" : "soft";
        this.serverHasHooks = serverHasHooks;
        this.conn = endpoint.connectRows();
    }

    /** Writes the batch; returns the rows written. */
    long write(Batch batch) {
        boolean replace = batch.table().replace;
        for (int attempt = 0; ; attempt++) {
            try {
                return insert(batch, replace);
            } catch (ReqlDriverError e) {
                if (attempt + 1 >= RECONNECT_TRIES) {
                    throw ToolException.failure("Connection error during 'insert into " + batch.table().plan.qualifiedName()
                            + "': " + e.getMessage());
                }
                conn.close(false); // dropped: no noreply_wait, which would fail
                conn = endpoint.connectRows();
                replace = true;
            }
        }
    }

    private long insert(Batch batch, boolean replace) {
        PlannedTable plan = batch.table().plan;
        Insert insert = r.db(plan.db()).table(plan.table()).insert(RowsConnection.ROWS)
                .optArg("durability", durability)
                .optArg("conflict", replace ? "replace" : "error");
        if (replace && serverHasHooks) {
            // Into an existing table (--force, or a resumed run) a hook already installed would rewrite
            // the archive's rows; the official tool lets it (a quirk), we restore the rows as saved.
            insert = insert.optArg("ignore_write_hook", true);
        }
        Map<?, ?> result = (Map<?, ?>) conn.run(insert, batch.wire()).single();
        long errors = number(result.get("errors"));
        if (errors > 0) {
            throw ToolException.failure("Error when importing into table '" + plan.qualifiedName() + "': "
                    + result.get("first_error"));
        }
        long written = number(result.get("inserted")) + number(result.get("replaced")) + number(result.get("unchanged"));
        if (written != batch.size()) {
            throw ToolException.failure("The inserted/replaced/unchanged number did not match when importing into table '"
                    + plan.qualifiedName() + "': " + result);
        }
        return written;
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }

    @Override
    public void close() {
        conn.close();
    }
}
