package io.reqldb.query.terms.seq;

import io.reqldb.datum.Datum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.query.error.ReqlError;
import io.reqldb.query.error.ReqlOpFailedError;
import io.reqldb.query.error.ReqlResourceLimitError;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.FuncValue;
import io.reqldb.query.eval.TableRef;
import io.reqldb.query.eval.Values;
import io.reqldb.query.terms.index.IndexKeys;
import io.reqldb.query.terms.index.StoredFunctions;
import io.reqldb.storage.IndexStatus;
import java.util.List;

/**
 * The values a secondary index holds for a row, for the terms that report them ({@code distinct}
 * and {@code group} with an {@code index}, {@code order_by} keys within an index): the stored
 * index function run on the row, with the index's own rules for what is indexable. The primary
 * index's value is the row's key.
 */
public final class IndexValues {
    private final TableRef table;
    private final String index;
    private final FuncValue function;
    private final boolean multi;
    private final boolean geo;

    private IndexValues(TableRef table, String index, FuncValue function, boolean multi, boolean geo) {
        this.table = table;
        this.index = index;
        this.function = function;
        this.multi = multi;
        this.geo = geo;
    }

    public static IndexValues of(TableRef table, String index, Env env) {
        if (index.equals(table.primaryKey())) {
            return new IndexValues(table, index, null, false, false);
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
        StoredFunctions.IndexFunc f = StoredFunctions.decodeIndex(status.definition().function());
        Object fn = env.context().compiler().compile(f.func().toWire()).eval(new Env(env.context()));
        return new IndexValues(table, index, Values.toFunc(fn), f.multi(), f.geo());
    }

    /**
     * Refuses a geospatial index for an ordinary index read (order_by, distinct, group, min, max,
     * eq_join), with RethinkDB's message. A missing index is left to the read itself to report.
     */
    public static void checkNotGeo(TableRef table, String index) {
        if (index == null || index.equals(table.primaryKey())) {
            return;
        }
        for (IndexStatus s : table.translate(() -> table.storage().indexes())) {
            if (s.definition().name().equals(index) && s.definition().geo()) {
                throw new io.reqldb.query.error.ReqlQueryLogicError("Index `" + index + "` is a geospatial index.  "
                        + "Only get_nearest and get_intersecting can use a geospatial index.");
            }
        }
    }

    /**
     * The index values of {@code row} (several for a multi index; none when the function fails,
     * but for the query running out of memory, which fails the query).
     */
    public List<Datum> keys(Datum row) {
        if (function == null) {
            Datum pk = row instanceof ObjectDatum o ? o.get(index) : null;
            return pk == null ? List.of() : List.of(pk);
        }
        try {
            return IndexKeys.keys(function.call(row), multi, geo);
        } catch (ReqlResourceLimitError e) {
            throw e; // the query's budget ran out, not the function: the row must not silently drop out
        } catch (ReqlError | ClassCastException | IllegalArgumentException e) {
            return List.of();
        }
    }

    public boolean isMulti() {
        return multi;
    }

    public TableRef table() {
        return table;
    }
}
