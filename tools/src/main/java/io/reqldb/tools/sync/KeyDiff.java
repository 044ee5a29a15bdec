package io.reqldb.tools.sync;

import static com.rethinkdb.RethinkDB.r;

import com.rethinkdb.model.OptArgs;
import com.rethinkdb.net.Connection;
import io.reqldb.tools.conn.WireValue;
import io.reqldb.tools.export.PageQuery;
import io.reqldb.tools.export.TableRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The primary keys whose rows differ between two copies of a table. Each side is read in key
 * order as pages of {@code [key, hash]} pairs (never whole rows), and the page's keys are looked
 * up on the other side with {@code get_all}: a key missing there or with another hash differs.
 * Reading both sides this way finds the keys that only one of them has, with no need to order
 * keys of mixed types in the client.
 */
final class KeyDiff {
    private static final int PAGE_ROWS = 2000;
    /**
     * Times and binaries as their raw objects, so that equal keys decode to equal Java values and
     * rows go back to a server as they came. A new object each time: the driver's OptArgs is a mutable map.
     */
    static OptArgs raw() {
        return new OptArgs().with("time_format", "raw").with("binary_format", "raw");
    }

    private KeyDiff() {}

    /** Up to {@code max} differing keys, those found reading {@code a} first. */
    static List<Object> find(Connection a, Connection b, TableRef ref, String pk, int max) {
        Set<Object> found = new LinkedHashSet<>();
        scan(a, b, ref, pk, found, max);
        scan(b, a, ref, pk, found, max);
        return new ArrayList<>(found);
    }

    private static void scan(Connection from, Connection other, TableRef ref, String pk, Set<Object> found, int max) {
        Object after = null;
        while (found.size() < max) {
            final Object start = after;
            List<?> page = (List<?>) RowHash.withHash(hash -> PageQuery.ordered(ref, pk, start).limit(PAGE_ROWS)
                    .map(row -> r.array(row.g(pk), hash.apply(row))).coerceTo("array")).run(from, RowHash.allowLongRows(raw())).single();
            if (page.isEmpty()) {
                return;
            }
            List<Object> keys = new ArrayList<>(page.size());
            page.forEach(pair -> keys.add(((List<?>) pair).get(0)));
            Map<Object, Object> there = new HashMap<>();
            for (Object pair : (List<?>) RowHash.withHash(hash -> r.db(ref.db()).table(ref.table())
                    .getAll(r.args(new WireValue(keys))).map(row -> r.array(row.g(pk), hash.apply(row)))
                    .coerceTo("array")).run(other, RowHash.allowLongRows(raw())).single()) {
                there.put(((List<?>) pair).get(0), ((List<?>) pair).get(1));
            }
            for (Object pair : page) {
                Object key = ((List<?>) pair).get(0);
                if (!((List<?>) pair).get(1).equals(there.get(key)) && found.size() < max) {
                    found.add(key);
                }
            }
            if (page.size() < PAGE_ROWS) {
                return;
            }
            after = keys.get(keys.size() - 1);
        }
    }
}
