package io.reqldb.query.feed;

import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.term.DatumTerm;
import io.reqldb.query.term.Term;
import io.reqldb.query.term.TermType;
import java.util.EnumSet;
import java.util.Set;

/**
 * Whether a term always gives the same result for the same input, RethinkDB's test before it
 * lets a function run on each changed row ({@code r.now()} counts as deterministic: it is fixed
 * per query).
 */
final class Determinism {
    /** Terms whose result may differ between two runs (RethinkDB's is_deterministic() == no). */
    private static final Set<TermType> NON_DETERMINISTIC = EnumSet.of(
            TermType.RANDOM, TermType.JAVASCRIPT, TermType.HTTP, TermType.TABLE, TermType.SAMPLE,
            TermType.DB_CREATE, TermType.DB_DROP, TermType.DB_LIST, TermType.TABLE_CREATE,
            TermType.TABLE_DROP, TermType.TABLE_LIST, TermType.CONFIG, TermType.STATUS, TermType.WAIT,
            TermType.RECONFIGURE, TermType.REBALANCE, TermType.SYNC, TermType.GRANT,
            TermType.INDEX_CREATE, TermType.INDEX_DROP, TermType.INDEX_LIST, TermType.INDEX_STATUS,
            TermType.INDEX_WAIT, TermType.INDEX_RENAME, TermType.SET_WRITE_HOOK, TermType.GET_WRITE_HOOK,
            TermType.INSERT, TermType.UPDATE, TermType.REPLACE, TermType.DELETE);

    private Determinism() {
    }

    static boolean isDeterministic(Term t) {
        if (t instanceof DatumTerm d && d.origin() != null) {
            return isDeterministic(d.origin());
        }
        if (NON_DETERMINISTIC.contains(t.type()) || (t.type() == TermType.UUID && t.argCount() == 0)) {
            return false;
        }
        for (int i = 0; i < t.argCount(); i++) {
            if (!isDeterministic(t.rawArg(i))) {
                return false;
            }
        }
        for (Term o : t.optargTerms().values()) {
            if (!isDeterministic(o)) {
                return false;
            }
        }
        return true;
    }

    /** Checks the arguments (all but the stream, argument 0) of one step of a chain under {@code changes}. */
    static void checkStep(Term step) {
        boolean ok = true;
        for (int i = 1; i < step.argCount() && ok; i++) {
            ok = isDeterministic(step.rawArg(i));
        }
        for (Term o : step.optargTerms().values()) {
            ok &= isDeterministic(o);
        }
        if (!ok) {
            throw new ReqlQueryLogicError("Cannot call `changes` after a non-deterministic function.");
        }
    }
}
