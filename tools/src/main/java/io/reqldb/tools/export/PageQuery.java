package io.reqldb.tools.export;

import static com.rethinkdb.RethinkDB.r;

import com.rethinkdb.gen.ast.ReqlExpr;
import com.rethinkdb.gen.ast.Table;
import io.reqldb.tools.conn.WireValue;

/**
 * The ReQL of one page of a table in primary-key order, plain RethinkDB 2.4:
 * <pre>
 *   table[.between(after, r.maxval, left_bound="open")].order_by(index=pk).limit(n)
 *        .coerce_to("array").do(rows -> [rows.count(), rows.slice(-1)(pk), rows])
 * </pre>
 * One atom response per page, so no multi-batch cursor is involved. The row count and the last
 * key come first in the answer, so the next page can be asked for before this one is read, and
 * a short page is known to be the last.
 */
public final class PageQuery {
    private PageQuery() {}

    /** The page of up to {@code limit} rows after {@code after} (from the start when null). */
    public static ReqlExpr of(TableRef ref, String pk, Object after, int limit) {
        return ordered(ref, pk, after).limit(limit).coerceTo("array")
                .do_(rows -> r.array(rows.count(), rows.slice(-1).getField(pk), rows));
    }

    /** The table's rows after {@code after} (from the start when null), in primary-key order. */
    public static ReqlExpr ordered(TableRef ref, String pk, Object after) {
        Table table = r.db(ref.db()).table(ref.table());
        ReqlExpr range = after == null ? table
                : table.between(new WireValue(after), r.maxval()).optArg("left_bound", "open");
        return range.orderBy().optArg("index", pk);
    }
}
