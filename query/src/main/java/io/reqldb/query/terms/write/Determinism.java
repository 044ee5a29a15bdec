package io.reqldb.query.terms.write;

import io.reqldb.query.term.Term;
import io.reqldb.query.term.TermType;

/**
 * RethinkDB's determinism test on a compiled term tree: reads from tables, JavaScript, HTTP,
 * randomness and argument-less {@code r.uuid()} are not deterministic; {@code r.now()} is only
 * when the caller allows a per-query constant time.
 */
public final class Determinism {
    private Determinism() {
    }

    public static boolean isDeterministic(Term t, boolean constantNowOk) {
        TermType type = t.type();
        switch (type) {
            case TABLE, DB, JAVASCRIPT, HTTP, RANDOM, GET, GET_ALL, BETWEEN, CHANGES, GET_INTERSECTING,
                    GET_NEAREST, INSERT, UPDATE, REPLACE, DELETE, DB_LIST, TABLE_LIST, CONFIG, STATUS:
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
