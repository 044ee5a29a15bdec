package io.reqldb.bench.jmh;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.BoolDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import java.util.List;
import java.util.TreeMap;

/**
 * The document shape of {@link io.reqldb.bench.LoadGenerator} (about 850 bytes of JSON: ten
 * fields, a nested object, a small array, a 560-character string) as a {@link Datum}, so the
 * micro-benchmarks measure the same values the end-to-end load moves.
 */
final class BenchDocuments {
    private BenchDocuments() {
    }

    static ObjectDatum document(long id) {
        TreeMap<String, Datum> d = ObjectDatum.newFieldMap();
        d.put("id", NumberDatum.of(id));
        d.put("group", NumberDatum.of(id / 1000));
        d.put("name", new StringDatum("user-" + id));
        d.put("email", new StringDatum("user" + id + "@example.com"));
        d.put("age", NumberDatum.of(18 + id % 60));
        d.put("score", NumberDatum.of((id * 7919 % 10007) / 100.0));
        d.put("active", id % 3 != 0 ? BoolDatum.TRUE : BoolDatum.FALSE);
        d.put("tags", ArrayDatum.wrap(List.of(new StringDatum("tag" + id % 10), new StringDatum("tag" + id % 7),
                new StringDatum("tag" + id % 3))));
        TreeMap<String, Datum> address = ObjectDatum.newFieldMap();
        address.put("street", new StringDatum(id + " Main Street"));
        address.put("city", new StringDatum("City " + id % 100));
        address.put("zip", NumberDatum.of(10000 + id % 90000));
        d.put("address", ObjectDatum.wrap(address));
        d.put("bio", new StringDatum("x".repeat(560)));
        return ObjectDatum.wrap(d);
    }
}
