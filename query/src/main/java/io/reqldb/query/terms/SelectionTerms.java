package io.reqldb.query.terms;

import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumOrder;
import io.reqldb.datum.DatumType;
import io.reqldb.datum.ExtremeDatum;
import io.reqldb.datum.NullDatum;
import io.reqldb.query.error.ReqlNonExistenceError;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.SingleSelection;
import io.reqldb.query.eval.TableRef;
import io.reqldb.query.eval.TableValue;
import io.reqldb.query.eval.Values;
import io.reqldb.query.term.Term;
import io.reqldb.query.term.TermFamily;
import io.reqldb.query.term.TermRegistry;
import io.reqldb.query.term.TermType;
import io.reqldb.query.terms.admin.TableArgs;
import io.reqldb.query.terms.select.GetAllSequence;
import io.reqldb.query.terms.seq.IndexValues;
import io.reqldb.query.terms.write.PrimaryKeys;
import io.reqldb.storage.KeyRange;
import java.util.ArrayList;
import java.util.List;

/** Reading rows by key: {@code get}, {@code get_all} and {@code between}. */
public final class SelectionTerms implements TermFamily {
    @Override
    public void register(TermRegistry r) {
        r.term(TermType.GET).args(2).notGroupable().body(SelectionTerms::get);
        r.term(TermType.GET_ALL).args(1, -1).optargs("index").notGroupable().body(SelectionTerms::getAll);
        r.term(TermType.BETWEEN).args(3).optargs("index", "left_bound", "right_bound").notGroupable()
                .body((t, env) -> between(t, env, false));
        r.term(TermType.BETWEEN_DEPRECATED).args(3).optargs("index", "left_bound", "right_bound").notGroupable()
                .body((t, env) -> between(t, env, true));
    }

    private static Object get(Term t, Env env) {
        TableRef table = TableArgs.table(t, env, 0);
        Datum key = t.datumArg(env, 1);
        t.inArg(1, () -> {
            PrimaryKeys.check(key);
            return null;
        });
        try {
            return new SingleSelection(table, key, table.get(key));
        } catch (io.reqldb.query.error.ReqlPermissionError e) {
            // May not read, but may write through it: the read's refusal waits until it is read.
            return SingleSelection.byKey(table, key);
        }
    }

    private static Object getAll(Term t, Env env) {
        TableRef table = TableArgs.table(t, env, 0);
        String index = t.optargString(env, "index", table.primaryKey());
        List<Datum> keys = new ArrayList<>();
        for (int i = 1; i < t.argCount(); i++) {
            Datum key = t.datumArg(env, i);
            int n = i;
            t.inArg(n, () -> {
                if (key.type() == DatumType.GEOMETRY) {
                    throw new ReqlQueryLogicError("Cannot use a geospatial index with `get_all`. "
                            + "Use `get_intersecting` instead.");
                }
                if (key == NullDatum.INSTANCE) {
                    throw new ReqlNonExistenceError("Keys cannot be NULL.");
                }
                return null;
            });
            keys.add(key);
        }
        keys.sort(DatumOrder.COMPARATOR);
        return new GetAllSequence(t, table, index.equals(table.primaryKey()) ? null : index, keys);
    }

    private static Object between(Term t, Env env, boolean nullIsUnbounded) {
        Object v = t.arg(env, 0);
        if (!(v instanceof TableValue tv)) {
            throw Values.typeError("TABLE_SLICE", v).addFrame(0);
        }
        boolean leftOpen = bound(t, env, "left_bound", false);
        boolean rightOpen = bound(t, env, "right_bound", true);
        Datum lower = t.datumArg(env, 1);
        Datum upper = t.datumArg(env, 2);
        if (lower == NullDatum.INSTANCE || upper == NullDatum.INSTANCE) {
            if (!nullIsUnbounded) {
                throw new ReqlQueryLogicError("Cannot use `null` in BETWEEN, use `r.minval` or `r.maxval` "
                        + "to denote unboundedness.").addFrame(lower == NullDatum.INSTANCE ? 1 : 2);
            }
            lower = lower == NullDatum.INSTANCE ? ExtremeDatum.MIN : lower;
            upper = upper == NullDatum.INSTANCE ? ExtremeDatum.MAX : upper;
        }
        String index = t.optargString(env, "index", tv.index() != null ? tv.index() : tv.ref().primaryKey());
        if (tv.range() != null) {
            throw new ReqlQueryLogicError("Cannot perform multiple BETWEENs on the same table.");
        }
        if (tv.index() != null && !tv.index().equals(index)) {
            throw new ReqlQueryLogicError("Cannot call BETWEEN on index `" + index + "` after ordering on index `"
                    + tv.index() + "`.");
        }
        if (!index.equals(tv.ref().primaryKey())) {
            IndexValues.checkNotGeo(tv.ref(), index);
        }
        // Bounds that admit nothing stay as given (info() shows them as RethinkDB does); scans find no row.
        KeyRange range = new KeyRange(lower, !leftOpen, upper, !rightOpen);
        return new TableValue(tv.ref(), index, range, tv.descending(), tv.ordered()).blamedOn(t::anchor);
    }

    /** A {@code left_bound}/{@code right_bound} optarg: true for "open". */
    private static boolean bound(Term t, Env env, String name, boolean defaultOpen) {
        Datum d = t.optargDatum(env, name);
        if (d == null) {
            return defaultOpen;
        }
        String s = t.optargString(env, name, "");
        if (s.equals("open")) {
            return true;
        }
        if (s.equals("closed")) {
            return false;
        }
        throw new ReqlQueryLogicError("Expected `open` or `closed` for optarg `" + name + "` (got `"
                + io.reqldb.datum.DatumPrinter.truncated(d) + "`).");
    }
}
