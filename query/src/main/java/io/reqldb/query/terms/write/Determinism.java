package io.reqldb.query.terms.write;

import io.reqldb.query.term.DatumTerm;
import io.reqldb.query.term.Term;
import io.reqldb.query.term.TermType;

/**
 * RethinkDB's determinism test on a compiled term tree: reads from tables, JavaScript, HTTP,
 * randomness, argument-less {@code r.uuid()} and geometry operations other than {@code r.point}
 * are not deterministic; {@code r.now()} is only when the caller allows a per-query constant time.
 */
public final class Determinism {
    private Determinism() {
    }

    public static boolean isDeterministic(Term t, boolean constantNowOk) {
        if (t instanceof DatumTerm d && d.origin() != null) {
            return isDeterministic(d.origin(), constantNowOk);
        }
        TermType type = t.type();
        switch (type) {
            case TABLE, DB, JAVASCRIPT, HTTP, RANDOM, GET, GET_ALL, BETWEEN, CHANGES, GET_INTERSECTING,
                    GET_NEAREST, INSERT, UPDATE, REPLACE, DELETE, DB_LIST, TABLE_LIST, CONFIG, STATUS:
                return false;
            case GEOJSON, LINE, POLYGON, INTERSECTS, INCLUDES, DISTANCE, CIRCLE, FILL, POLYGON_SUB:
                // Geometry results may differ between machines: RethinkDB counts them as
                // deterministic on a single server only, which is not enough here.
                return false;
            case UUID:
                if (t.argCount() == 0) {
                    return false;
                }
                break;
            case NOW:
                if (!constantNowOk) {
                    return false;
                }
                break;
            default:
                break;
        }
        for (int i = 0; i < t.argCount(); i++) {
            if (!isDeterministic(t.rawArg(i), constantNowOk)) {
                return false;
            }
        }
        for (Term o : t.rawOptargs()) {
            if (!isDeterministic(o, constantNowOk)) {
                return false;
            }
        }
        return true;
    }
}
