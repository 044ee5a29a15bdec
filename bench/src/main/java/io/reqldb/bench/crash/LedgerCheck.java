package io.reqldb.bench.crash;

import static com.rethinkdb.RethinkDB.r;

import com.rethinkdb.net.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares a restarted server's table with the writers' ledgers: every document is in a state
 * its ledger allows (so every hard-acknowledged write is there and nothing never written
 * appears), no row is torn, and each secondary index returns exactly the rows whose fields
 * name its keys. Then the ledgers take what was found as their new starting point.
 */
final class LedgerCheck {
    final List<String> problems = new ArrayList<>();
    /** Documents whose last soft-acknowledged write was lost (allowed: soft is not hard). */
    int softLosses;
    int documents;

    static LedgerCheck run(Connection c, List<LedgerWriter> writers) {
        LedgerCheck check = new LedgerCheck();
        check.check(c, writers);
        return check;
    }

    private void check(Connection c, List<LedgerWriter> writers) {
        r.db(LedgerDocs.DB).table(LedgerDocs.TABLE).indexWait().run(c);
        Map<Long, Map<?, ?>> rows = new HashMap<>();
        for (Object o : r.db(LedgerDocs.DB).table(LedgerDocs.TABLE).run(c)) {
            Map<?, ?> row = (Map<?, ?>) o;
            rows.put(((Number) row.get("id")).longValue(), row);
        }
        documents = rows.size();
        Set<Long> known = new HashSet<>();
        for (LedgerWriter w : writers) {
            w.docs.forEach((id, doc) -> {
                known.add(id);
                compare(id, doc, rows.get(id));
            });
        }
        for (Long id : rows.keySet()) {
            if (!known.contains(id)) {
                problems.add("document " + id + " was never written but is there");
            }
        }
        checkIndex(c, rows, LedgerDocs.GROUP_INDEX, groupKeys(), row -> List.of(row.get("g")));
        checkIndex(c, rows, LedgerDocs.TAG_INDEX, tagKeys(), row -> (List<?>) row.get("tags"));
    }

    private void compare(long id, DocHistory doc, Map<?, ?> row) {
        int observed = row == null ? DocHistory.ABSENT : ((Number) row.get("v")).intValue();
        if (row != null) {
            String torn = LedgerDocs.tornReason(row);
            if (torn != null) {
                problems.add("document " + id + " is torn: " + torn + ": " + row);
            }
        }
        if (observed > doc.lastVersion()) {
            problems.add("document " + id + " holds version " + observed + ", which was never written (last: "
                    + doc.lastVersion() + ")");
        } else if (!doc.allows(observed)) {
            problems.add("document " + id + " lost a hard-acknowledged write: it holds "
                    + (observed == DocHistory.ABSENT ? "nothing" : "version " + observed));
        } else if (!doc.expects(observed)) {
            softLosses++;
        }
        doc.settle(observed);
    }

    private interface Keys {
        List<?> of(Map<?, ?> row);
    }

    private void checkIndex(Connection c, Map<Long, Map<?, ?>> rows, String index, List<Object> keys, Keys keysOf) {
        for (Object key : keys) {
            Set<Long> expected = new TreeSet<>();
            rows.forEach((id, row) -> {
                List<?> rowKeys = keysOf.of(row);
                if (rowKeys != null && rowKeys.stream().anyMatch(k -> sameKey(k, key))) {
                    expected.add(id);
                }
            });
            Set<Long> found = new TreeSet<>();
            List<Long> all = new ArrayList<>();
            for (Object id : r.db(LedgerDocs.DB).table(LedgerDocs.TABLE).getAll(key).optArg("index", index)
                    .getField("id").run(c)) {
                found.add(((Number) id).longValue());
                all.add(((Number) id).longValue());
            }
            if (!found.equals(expected) || all.size() != found.size()) {
                Set<Long> missing = new TreeSet<>(expected);
                missing.removeAll(found);
                Set<Long> extra = new TreeSet<>(found);
                extra.removeAll(expected);
                problems.add("index " + index + " disagrees with the table for " + key + ": missing " + missing
                        + ", extra " + extra + ", " + (all.size() - found.size()) + " duplicates");
            }
        }
    }

    private static boolean sameKey(Object a, Object b) {
        return a instanceof Number x && b instanceof Number y ? x.longValue() == y.longValue() : a.equals(b);
    }

    private static List<Object> groupKeys() {
        List<Object> keys = new ArrayList<>();
        for (int g = 0; g < LedgerDocs.GROUPS; g++) {
            keys.add(g);
        }
        return keys;
    }

    private static List<Object> tagKeys() {
        List<Object> keys = new ArrayList<>();
        for (int t = 0; t < LedgerDocs.TAGS; t++) {
            keys.add("t" + t);
        }
        return keys;
    }
}
