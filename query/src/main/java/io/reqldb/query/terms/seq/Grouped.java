package io.reqldb.query.terms.seq;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.GroupedData;
import io.reqldb.query.eval.Values;
import io.reqldb.query.term.Term;
import java.util.Map;
import java.util.function.Function;

/**
 * Per-group application for terms that, in RethinkDB, transform a grouped stream row by row: a
 * group left without rows (everything filtered out, or nothing counted) disappears, because
 * RethinkDB only creates a group when a row reaches it.
 */
public final class Grouped {
    private Grouped() {
    }

    /** Applies {@code op} to argument 0, or to each group of it, dropping groups that end up empty. */
    public static Object apply(Term t, Env env, Function<Object, Object> op) {
        Object v = t.arg(env, 0);
        if (!(v instanceof GroupedData g)) {
            return op.apply(v);
        }
        GroupedData out = new GroupedData();
        for (Map.Entry<Datum, Object> e : g.groups().entrySet()) {
            Datum r = Values.toDatumMaterialized(op.apply(e.getValue()));
            if (!isEmpty(r)) {
                out.put(e.getKey(), r);
            }
        }
        return out.asStreamLike(g);
    }

    private static boolean isEmpty(Datum d) {
        return (d instanceof ArrayDatum a && a.size() == 0) || (d instanceof NumberDatum n && n.value() == 0);
    }
}
