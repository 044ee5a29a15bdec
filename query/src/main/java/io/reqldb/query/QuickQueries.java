package io.reqldb.query;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.BoolDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.NullDatum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.term.TermType;
import java.util.Arrays;
import java.util.Map;

/**
 * Recognises, from the shape of its term tree, a query that does a bounded, small amount of work
 * and never waits: a scalar literal ({@code r.expr(1)}), a point {@code get} by a literal key on
 * a named user table, or a short page in primary-key order ({@code between(lo, hi)} or the whole
 * table, then {@code order_by(index: pk)}, then {@code limit(n)} with a literal {@code n} of at
 * most {@link #PAGE_ROWS}): it reads at most {@code n} documents, one after another from the
 * primary index. The network layer runs such a query where its frame arrived, on the event loop,
 * instead of handing it to a worker thread and its answer back: for these the hand-offs cost as
 * much as the work itself. Anything else (including tables of the {@code rethinkdb} database,
 * some of which read files or walk every table, and pages on a secondary index, whose order
 * reads every row that ties on the index value) is not quick.
 */
public final class QuickQueries {
    /** The largest {@code limit} of a quick page: the rows a UI shows at once, a few hundred µs at most. */
    static final int PAGE_ROWS = 100;

    private static final String SYSTEM_DB = "rethinkdb";
    private static final String DEFAULT_DB = "test";

    /** A table's primary key by its database and name; null when there is no such table. */
    @FunctionalInterface
    public interface PrimaryKeys {
        String of(String db, String table);
    }

    private QuickQueries() {
    }

    /**
     * Whether {@code term}, run with {@code globalOptargs}, is quick in the sense above; a page
     * asks {@code primaryKeys} whether its index is its table's primary key.
     */
    public static boolean isQuick(Datum term, ObjectDatum globalOptargs, PrimaryKeys primaryKeys) {
        if (isScalar(term)) {
            return true;
        }
        Datum db = globalOptargs.get("db");
        if (db != null && !isUserDb(db)) {
            return false;
        }
        if (isTerm(term, TermType.GET, 2)) {
            return isUserTable(args(term).get(0)) && isScalar(args(term).get(1));
        }
        return isPrimaryPage(term, db, primaryKeys);
    }

    /** {@code limit(order_by(table or between, index: pk), n)} with {@code n <= PAGE_ROWS}. */
    private static boolean isPrimaryPage(Datum term, Datum globalDb, PrimaryKeys primaryKeys) {
        if (!isTerm(term, TermType.LIMIT, 2) || !(args(term).get(1) instanceof NumberDatum n)
                || !(n.value() >= 0 && n.value() <= PAGE_ROWS)) {
            return false;
        }
        Datum ordered = args(term).get(0);
        if (!isTerm(ordered, TermType.ORDER_BY, 1, "index")) {
            return false;
        }
        String orderIndex = indexName(optargs(ordered).get("index"));
        Datum source = args(ordered).get(0);
        Datum table = source;
        String rangeIndex = null;
        if (isTerm(source, TermType.BETWEEN, 3, "index", "left_bound", "right_bound")) {
            ArrayDatum between = args(source);
            if (!isBound(between.get(1)) || !isBound(between.get(2))) {
                return false;
            }
            for (Datum v : optargs(source).fields().values()) {
                if (!(v instanceof StringDatum)) {
                    return false;
                }
            }
            table = between.get(0);
            rangeIndex = optargs(source).get("index") instanceof StringDatum s ? s.value() : null;
        }
        if (orderIndex == null || !isUserTable(table)) {
            return false;
        }
        ArrayDatum tableArgs = args(table);
        String dbName = tableArgs.size() == 2 ? dbName(tableArgs.get(0))
                : globalDb != null ? dbName(globalDb) : DEFAULT_DB;
        String pk = primaryKeys.of(dbName, ((StringDatum) tableArgs.get(tableArgs.size() - 1)).value());
        return pk != null && pk.equals(orderIndex) && (rangeIndex == null || pk.equals(rangeIndex));
    }

    /** An order_by index: a name, or {@code r.asc(name)} / {@code r.desc(name)}; null otherwise. */
    private static String indexName(Datum index) {
        if (index instanceof StringDatum s) {
            return s.value();
        }
        if ((isTerm(index, TermType.ASC, 1) || isTerm(index, TermType.DESC, 1))
                && args(index).get(0) instanceof StringDatum s) {
            return s.value();
        }
        return null;
    }

    /** A literal key bound, or {@code r.minval} / {@code r.maxval}. */
    private static boolean isBound(Datum d) {
        return isScalar(d) || isTerm(d, TermType.MINVAL, 0) || isTerm(d, TermType.MAXVAL, 0);
    }

    private static boolean isScalar(Datum d) {
        return d instanceof NumberDatum || d instanceof StringDatum || d instanceof BoolDatum || d instanceof NullDatum;
    }

    /** {@code r.table(name)} or {@code r.db(name).table(name)} with literal names, no optargs. */
    private static boolean isUserTable(Datum d) {
        if (!isTerm(d, TermType.TABLE, 1) && !isTerm(d, TermType.TABLE, 2)) {
            return false;
        }
        ArrayDatum args = args(d);
        Datum name = args.get(args.size() - 1);
        return name instanceof StringDatum && (args.size() == 1 || isUserDb(args.get(0)));
    }

    private static boolean isUserDb(Datum d) {
        return isTerm(d, TermType.DB, 1) && args(d).get(0) instanceof StringDatum name
                && !name.value().equals(SYSTEM_DB);
    }

    private static String dbName(Datum db) {
        return ((StringDatum) args(db).get(0)).value();
    }

    /** A term array {@code [type, [args...]]} of this type with this many arguments, no optargs. */
    private static boolean isTerm(Datum d, TermType type, int argCount) {
        return d instanceof ArrayDatum a && a.size() == 2 && isTypeAndArgs(a, type, argCount);
    }

    /**
     * A term of this type with this many arguments, and optargs (if any) among {@code allowed};
     * the optargs are then {@link #optargs}.
     */
    private static boolean isTerm(Datum d, TermType type, int argCount, String... allowed) {
        if (!(d instanceof ArrayDatum a) || a.size() < 2 || a.size() > 3 || !isTypeAndArgs(a, type, argCount)) {
            return false;
        }
        if (a.size() == 2) {
            return true;
        }
        if (!(a.get(2) instanceof ObjectDatum o)) {
            return false;
        }
        for (Map.Entry<String, Datum> e : o.fields().entrySet()) {
            if (!Arrays.asList(allowed).contains(e.getKey())) {
                return false;
            }
        }
        return true;
    }

    private static boolean isTypeAndArgs(ArrayDatum a, TermType type, int argCount) {
        return a.get(0) instanceof NumberDatum n && n.value() == type.number()
                && a.get(1) instanceof ArrayDatum args && args.size() == argCount;
    }

    private static ArrayDatum args(Datum term) {
        return (ArrayDatum) ((ArrayDatum) term).get(1);
    }

    private static ObjectDatum optargs(Datum term) {
        ArrayDatum a = (ArrayDatum) term;
        return a.size() == 3 ? (ObjectDatum) a.get(2) : ObjectDatum.EMPTY;
    }
}
