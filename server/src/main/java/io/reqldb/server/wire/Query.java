package io.reqldb.server.wire;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.BoolDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;

/**
 * A parsed query frame.
 *
 * @param token   the client's number for the query
 * @param type    what the client asks for
 * @param term    the term tree of a START, or Java null when the frame has none
 * @param optargs the global optargs, unevaluated terms ({@link ObjectDatum#EMPTY} when absent)
 */
public record Query(long token, QueryType type, Datum term, ObjectDatum optargs) {

    /** The protocol's term number for a literal datum: {@code [1, value]}. */
    private static final int DATUM_TERM = 1;

    /**
     * A boolean optarg the server must know before evaluating anything ({@code noreply},
     * {@code profile}). Like RethinkDB it accepts a bare boolean or a DATUM term holding one,
     * and treats anything else as absent.
     */
    public boolean staticBoolOptarg(String name) {
        Datum value = optargs.get(name);
        if (value instanceof BoolDatum b) {
            return b.value();
        }
        if (value instanceof ArrayDatum a && a.size() == 2
                && a.get(0) instanceof NumberDatum n && n.value() == DATUM_TERM
                && a.get(1) instanceof BoolDatum b) {
            return b.value();
        }
        return false;
    }

    /** A numeric optarg given as a plain number or a DATUM term, or {@code fallback}. */
    public double staticNumberOptarg(String name, double fallback) {
        Datum value = optargs.get(name);
        if (value instanceof NumberDatum n) {
            return n.value();
        }
        if (value instanceof ArrayDatum a && a.size() == 2
                && a.get(0) instanceof NumberDatum t && t.value() == DATUM_TERM
                && a.get(1) instanceof NumberDatum n) {
            return n.value();
        }
        return fallback;
    }
}
