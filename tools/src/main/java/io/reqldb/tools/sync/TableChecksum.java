package io.reqldb.tools.sync;

import static com.rethinkdb.RethinkDB.r;

import com.rethinkdb.model.OptArgs;
import com.rethinkdb.net.Connection;
import io.reqldb.tools.export.TableRef;
import java.util.List;

/**
 * A table's row count and the sum of its rows' {@link RowHash hashes} modulo 2^52, computed on
 * the server, so equal tables give equal checksums whatever the order the rows are read in, and
 * no row crosses the network.
 */
record TableChecksum(long rows, long hash) {
    static TableChecksum of(Connection conn, TableRef ref) {
        var table = r.db(ref.db()).table(ref.table());
        List<?> answer = (List<?>) RowHash.withHash(hash -> r.expr(r.array(table.count(),
                table.map(hash::apply).fold(0, (sum, h) -> sum.add(h).mod(RowHash.SUM_MODULUS)))))
                .run(conn, RowHash.allowLongRows(new OptArgs())).single();
        return new TableChecksum(((Number) answer.get(0)).longValue(), ((Number) answer.get(1)).longValue());
    }
}
