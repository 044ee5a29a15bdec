package io.reqldb.server.it;

import static com.rethinkdb.RethinkDB.r;

import com.rethinkdb.net.Connection;

/**
 * The documents the memory-budget tests buffer: about 750 bytes of JSON each (numbers, twelve
 * distinct strings, an array, an object), so that decoded and stored sizes differ as real rows'
 * do. {@code g} takes 100 values and {@code score} is a permutation of the ids.
 */
final class MixedDocuments {
    private static final int BATCH = 2_000;

    private MixedDocuments() {
    }

    /** Creates {@code table} and inserts {@code rows} such documents, ids 0 to rows - 1. */
    static void load(Connection c, String table, int rows) {
        r.tableCreate(table).run(c);
        for (int from = 0; from < rows; from += BATCH) {
            r.table(table).insert(r.range(from, Math.min(from + BATCH, rows)).map(i -> {
                var doc = r.hashMap("id", i).with("g", i.mod(100)).with("score", i.mul(7919).mod(rows))
                        .with("tags", r.array(i.coerceTo("string"), "b", "c"))
                        .with("address", r.hashMap("street", i.coerceTo("string").add(" Long Street"))
                                .with("city", "Springfield"));
                for (int f = 0; f < 12; f++) {
                    doc = doc.with("field" + f, i.coerceTo("string").add(" value of field " + f + " with some text"));
                }
                return doc;
            })).run(c);
        }
    }
}
