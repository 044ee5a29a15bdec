package io.reqldb.query.terms.seq;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumJson;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.query.error.ReqlError;
import io.reqldb.query.error.ReqlOpFailedError;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.FuncValue;
import io.reqldb.query.eval.TableRef;
import io.reqldb.query.eval.Values;
import io.reqldb.storage.IndexStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The values a secondary index holds for a row, for the terms that report them ({@code distinct}
 * and {@code group} with an {@code index}). The index function is stored by the query layer as the
 * UTF-8 JSON of its wire-form FUNC term; the primary index's value is the row's key.
 */
public final class IndexKeys {
    private final TableRef table;
    private final String index;
    private final FuncValue function;
    private final boolean multi;

    private IndexKeys(TableRef table, String index, FuncValue function, boolean multi) {
        this.table = table;
        this.index = index;
        this.function = function;
        this.multi = multi;
    }

    public static IndexKeys of(TableRef table, String index, Env env) {
        if (index.equals(table.primaryKey())) {
            return new IndexKeys(table, index, null, false);
        }
        IndexStatus status = null;
        for (IndexStatus s : table.translate(() -> table.storage().indexes())) {
            if (s.definition().name().equals(index)) {
                status = s;
            }
        }
        if (status == null) {
            throw new ReqlOpFailedError("Index `" + index + "` was not found on table `" + table.qualifiedName() + "`.");
        }
        Datum wire = DatumJson.parse(new String(status.definition().function(), StandardCharsets.UTF_8));
        Object f = env.context().compiler().compile(wire).eval(new Env(env.context()));
        return new IndexKeys(table, index, Values.toFunc(f), status.definition().multi());
    }

    /** The index values of {@code row} (several for a multi index; none when the function fails). */
    public List<Datum> keys(Datum row) {
        if (function == null) {
            Datum pk = row instanceof ObjectDatum o ? o.get(index) : null;
            return pk == null ? List.of() : List.of(pk);
        }
        Datum v;
        try {
            v = function.call(row);
        } catch (ReqlError e) {
            return List.of();
        }
        if (multi && v instanceof ArrayDatum a) {
            List<Datum> out = new ArrayList<>();
            for (Datum d : a.items()) {
                if (!out.contains(d)) {
                    out.add(d);
                }
            }
            return out;
        }
        return List.of(v);
    }

    public boolean isMulti() {
        return multi;
    }

    public TableRef table() {
        return table;
    }
}
