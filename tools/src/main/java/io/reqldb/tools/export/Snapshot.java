package io.reqldb.tools.export;

import static com.rethinkdb.RethinkDB.r;

import com.rethinkdb.gen.exc.ReqlError;
import com.rethinkdb.model.OptArgs;
import com.rethinkdb.net.Connection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A point-in-time view for dump, through a ReqlDB extension that uses only standard ReQL terms:
 * inserting into the system table {@code rethinkdb.snapshots} pins a storage snapshot and
 * returns its id in {@code generated_keys}; any query run with the global optarg
 * {@code snapshot: <id>} reads as of that instant; deleting the row releases it (the server
 * also expires it after {@code ttl} seconds, so a killed dump cannot pin storage forever).
 * A real RethinkDB has no such table, so opening fails and the dump falls back to the official
 * per-table reads.
 */
public final class Snapshot {
    /** Seconds the server keeps an unreleased snapshot. */
    static final long TTL_SECONDS = 24 * 3600;

    private final String id;

    private Snapshot(String id) {
        this.id = id;
    }

    /** No snapshot: every table is read at its own moment. */
    public static Snapshot none() {
        return new Snapshot(null);
    }

    /** Asks the server for a snapshot; says so through {@code notes} when it has none to offer. */
    public static Snapshot open(Connection conn, Consumer<String> notes) {
        try {
            Map<?, ?> result = (Map<?, ?>) r.db("rethinkdb").table("snapshots")
                    .insert(r.hashMap("ttl", TTL_SECONDS)).run(conn).single();
            List<?> keys = (List<?>) result.get("generated_keys");
            return new Snapshot(String.valueOf(keys.get(0)));
        } catch (ReqlError | ClassCastException | NullPointerException | IndexOutOfBoundsException e) {
            notes.accept("Note: the server offers no point-in-time snapshot (" + firstLine(e.getMessage())
                    + "); each table is read at a different moment, as with the official dump.");
            return none();
        }
    }

    /** True when reads see one instant. */
    public boolean consistent() {
        return id != null;
    }

    /** Adds the snapshot to a query's global optargs. */
    public OptArgs apply(OptArgs options) {
        return id == null ? options : options.with("snapshot", id);
    }

    /** Releases the snapshot; failures are ignored because the server expires it anyway. */
    public void release(Connection conn) {
        if (id == null) {
            return;
        }
        try {
            r.db("rethinkdb").table("snapshots").get(id).delete().run(conn);
        } catch (ReqlError ignored) {
            // The TTL releases it.
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
