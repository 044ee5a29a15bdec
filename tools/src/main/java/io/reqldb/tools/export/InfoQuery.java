package io.reqldb.tools.export;

import static com.rethinkdb.RethinkDB.r;

import com.rethinkdb.gen.ast.Table;
import com.rethinkdb.model.OptArgs;
import com.rethinkdb.net.Connection;
import io.reqldb.tools.archive.TableInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A table's {@code .info} with the official queries: {@code info()}, {@code index_status()} and
 * {@code get_write_hook()} (binary format raw, so function blobs come as the server encodes them).
 */
public final class InfoQuery {
    private InfoQuery() {}

    /** Reads the info; {@code writeHooks} when the server has them (2.3.7 on). */
    public static TableInfo read(Connection conn, TableRef ref, boolean writeHooks) {
        Table table = r.db(ref.db()).table(ref.table());
        // Metadata is read live, not at a dump's snapshot: it is not versioned by the snapshot anyway,
        // and info() at a snapshot would count the rows (doc_count_estimates) with a full scan.
        OptArgs raw = new OptArgs().with("binary_format", "raw");
        @SuppressWarnings("unchecked")
        Map<String, Object> info = (Map<String, Object>) table.info().run(conn).single();
        Object indexes = table.indexStatus().run(conn, raw).single();
        info = new LinkedHashMap<>(info);
        info.put("indexes", indexes); // replaces the list of names in place, keeping the key order
        if (writeHooks) {
            info.put("write_hook", table.getWriteHook().run(conn, raw).single());
        }
        return new TableInfo(info);
    }
}
