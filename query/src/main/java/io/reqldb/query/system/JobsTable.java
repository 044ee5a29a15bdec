package io.reqldb.query.system;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.error.ReqlOpFailedError;
import io.reqldb.query.limits.QueryControl;
import io.reqldb.query.limits.QueryOrigin;
import io.reqldb.query.terms.index.JsPrinter;
import io.reqldb.query.terms.index.RawTerm;
import io.reqldb.storage.IndexStatus;
import io.reqldb.storage.TableInfo;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code rethinkdb.jobs}: the queries running on this server and the secondary indexes being
 * built, with RethinkDB's fields. Deleting a query's row stops that query, which then fails with
 * "Query terminated by the `rethinkdb.jobs` table."; nothing else may be written.
 *
 * <p>The running queries are those of the reading query's own {@link QueryLimits}, reached through
 * its control (bound to the thread while it evaluates or reads). As in RethinkDB, a user other
 * than admin sees, and may stop, only their own queries, and sees no other jobs.
 */
public final class JobsTable extends SystemTable {
    /** RethinkDB prints the running query's term as JavaScript in lines of at most 89 columns. */
    private static final int QUERY_COLUMNS = 89;

    public JobsTable(SystemContext system, boolean uuidFormat) {
        super(system, "jobs", uuidFormat);
    }

    @Override
    protected List<Datum> rows() {
        List<Datum> out = new ArrayList<>();
        Object server = uuidFormat ? system.serverId().toString() : system.serverName();
        for (QueryControl query : visibleQueries()) {
            QueryOrigin origin = query.origin();
            InetSocketAddress client = origin.client();
            out.add(Rows.obj(
                    "type", "query",
                    "id", List.of("query", query.id().toString()),
                    "duration_sec", query.elapsed().toNanos() / 1e9,
                    "servers", List.of(server),
                    "info", Rows.obj(
                            "client_address", client == null ? "" : client.getAddress().getHostAddress(),
                            "client_port", client == null ? 0 : client.getPort(),
                            "query", JsPrinter.print(RawTerm.fromWire(origin.term()), QUERY_COLUMNS),
                            "user", origin.session().user())));
        }
        if (!readerIsAdmin()) {
            return out;
        }
        long nowMillis = System.currentTimeMillis();
        for (TableInfo t : TableRows.allTables(system)) {
            List<IndexStatus> indexes = system.store().table(t.id()).map(table -> table.indexes()).orElse(List.of());
            for (IndexStatus index : indexes) {
                if (index.ready()) {
                    continue; // RethinkDB lists only the builds still running
                }
                String name = index.definition().name();
                out.add(Rows.obj(
                        "type", "index_construction",
                        "id", List.of("index_construction", indexJobId(t, name).toString()),
                        "duration_sec", Math.max(0, nowMillis - index.buildStartMillis()) / 1e3,
                        "servers", List.of(server),
                        "info", Rows.obj(
                                "db", TableRows.dbRef(t, uuidFormat),
                                "index", name,
                                "progress", index.progress(),
                                "table", uuidFormat ? t.id().toString() : t.name())));
            }
        }
        return out;
    }

    /** The client queries the reading user may see: all for admin, else their own. */
    private static List<QueryControl> visibleQueries() {
        QueryControl reader = QueryControl.current();
        // A query already stopped is on its way out; RethinkDB no longer lists it either.
        List<QueryControl> all = reader.limits().queries().stream().filter(q -> !q.isCancelled()).toList();
        if (readerIsAdmin()) {
            return all;
        }
        String user = reader.origin().session().user();
        return all.stream().filter(q -> q.origin().session().user().equals(user)).toList();
    }

    /** Reads outside any client query (embedded use) see everything, as admin does. */
    private static boolean readerIsAdmin() {
        QueryOrigin reader = QueryControl.current().origin();
        return reader == null || Users.ADMIN.equals(reader.session().user());
    }

    /** The same build keeps its id from one read to the next. */
    private static UUID indexJobId(TableInfo t, String index) {
        return UUID.nameUUIDFromBytes(("index_construction:" + t.id() + ":" + index).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected void write(Datum key, ObjectDatum oldRow, ObjectDatum newRow) {
        if (newRow != null) {
            throw new ReqlOpFailedError("The `rethinkdb.jobs` system table only allows deletions, "
                    + "not inserts or updates.");
        }
        String type = ((StringDatum) ((ArrayDatum) key).get(0)).value();
        if (!type.equals("query")) {
            throw new ReqlOpFailedError("Jobs of type `" + type + "` cannot be interrupted.");
        }
        UUID id = UUID.fromString(((StringDatum) ((ArrayDatum) key).get(1)).value());
        for (QueryControl query : visibleQueries()) {
            if (query.id().equals(id)) {
                query.terminate();
            }
        }
    }
}
