package io.reqldb.query.terms.index;

import io.reqldb.datum.BinaryDatum;
import io.reqldb.datum.BoolDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.storage.IndexStatus;
import java.util.TreeMap;

/** The objects {@code index_status} and {@code index_wait} return, as RethinkDB 2.4 builds them. */
public final class IndexStatusRows {
    private IndexStatusRows() {
    }

    public static ObjectDatum row(IndexStatus s) {
        String name = s.definition().name();
        TreeMap<String, Datum> m = ObjectDatum.newFieldMap();
        m.put("index", new StringDatum(name));
        if (!s.ready()) {
            m.put("progress", NumberDatum.of(s.progress()));
        }
        m.put("ready", BoolDatum.of(s.ready()));
        m.put("outdated", BoolDatum.of(s.outdated()));
        m.put("multi", BoolDatum.of(s.definition().multi()));
        m.put("geo", BoolDatum.of(s.definition().geo()));
        m.put("function", BinaryDatum.wrap(s.definition().function()));
        m.put("query", new StringDatum(query(name, s.definition().function())));
        return ObjectDatum.wrap(m);
    }

    /** RethinkDB's {@code indexCreate('name', function(...) { ... }, {multi: true})} text. */
    public static String query(String name, byte[] blob) {
        StoredFunctions.IndexFunc f;
        try {
            f = StoredFunctions.decodeIndex(blob);
        } catch (RuntimeException e) {
            return "indexCreate('" + name + "', non-printable function)";
        }
        StringBuilder s = new StringBuilder("indexCreate('").append(name).append("', ")
                .append(StoredFunctions.jsFunction(f.func()));
        if (f.multi() && f.geo()) {
            s.append(", {multi: true, geo: true}");
        } else if (f.multi()) {
            s.append(", {multi: true}");
        } else if (f.geo()) {
            s.append(", {geo: true}");
        }
        return s.append(")").toString();
    }
}
