package io.reqldb.query;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.BoolDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.NullDatum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.term.TermType;

/**
 * Recognises, from the shape of its term tree alone, a query that does a bounded, small amount
 * of work and never waits: a scalar literal ({@code r.expr(1)}), or a point {@code get} by a
 * literal key on a named user table. The network layer runs such a query where its frame
 * arrived, on the event loop, instead of handing it to a worker thread and its answer back: for
 * these the hand-offs cost several times the work itself. Anything else (including tables of the
 * {@code rethinkdb} database, some of which read files or walk every table) is not quick.
 */
public final class QuickQueries {
    private static final String SYSTEM_DB = "rethinkdb";

    private QuickQueries() {
    }

    /** Whether {@code term}, run with {@code globalOptargs}, is quick in the sense above. */
    public static boolean isQuick(Datum term, ObjectDatum globalOptargs) {
        if (isScalar(term)) {
            return true;
        }
        Datum db = globalOptargs.get("db");
        if (db != null && !isUserDb(db)) {
            return false;
        }
        return isTerm(term, TermType.GET, 2) && isUserTable(args(term).get(0)) && isScalar(args(term).get(1));
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

    /** A term array {@code [type, [args...]]} of this type with this many arguments, no optargs. */
    private static boolean isTerm(Datum d, TermType type, int argCount) {
        return d instanceof ArrayDatum a && a.size() == 2 && a.get(0) instanceof NumberDatum n
                && n.value() == type.number() && a.get(1) instanceof ArrayDatum args && args.size() == argCount;
    }

    private static ArrayDatum args(Datum term) {
        return (ArrayDatum) ((ArrayDatum) term).get(1);
    }
}
