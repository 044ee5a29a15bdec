package io.reqldb.query.terms;

import io.reqldb.datum.BoolDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumOrder;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.Values;
import io.reqldb.query.term.Term;
import io.reqldb.query.term.TermFamily;
import io.reqldb.query.term.TermRegistry;
import io.reqldb.query.term.TermType;
import java.util.function.IntPredicate;

/**
 * Comparisons over RethinkDB's total order (EQ, NE, LT, LE, GT, GE: chains of two or more
 * arguments), NOT, and the short-circuiting AND / OR that return the deciding value itself.
 */
public final class LogicTerms implements TermFamily {
    @Override
    public void register(TermRegistry r) {
        r.term(TermType.EQ).args(2, -1).body((t, env) -> chain(t, env, c -> c == 0, false));
        r.term(TermType.NE).args(2, -1).body((t, env) -> chain(t, env, c -> c == 0, true));
        r.term(TermType.LT).args(2, -1).body((t, env) -> chain(t, env, c -> c < 0, false));
        r.term(TermType.LE).args(2, -1).body((t, env) -> chain(t, env, c -> c <= 0, false));
        r.term(TermType.GT).args(2, -1).body((t, env) -> chain(t, env, c -> c > 0, false));
        r.term(TermType.GE).args(2, -1).body((t, env) -> chain(t, env, c -> c >= 0, false));
        r.term(TermType.NOT).args(1).body((t, env) -> BoolDatum.of(!Values.isTruthy(t.datumArg(env, 0))));
        r.term(TermType.AND).args(0, -1).body((t, env) -> shortCircuit(t, env, false));
        r.term(TermType.OR).args(0, -1).body((t, env) -> shortCircuit(t, env, true));
    }

    /**
     * Each neighbouring pair must satisfy {@code holds}; NE is EQ inverted as a whole, so
     * {@code r.ne(1, 1, 2)} is true. Arguments after the first failing pair are not evaluated.
     */
    private static Object chain(Term t, Env env, IntPredicate holds, boolean invert) {
        Datum lhs = t.datumArg(env, 0);
        for (int i = 1; i < t.argCount(); i++) {
            Datum rhs = t.datumArg(env, i);
            if (!holds.test(DatumOrder.compare(lhs, rhs))) {
                return BoolDatum.of(invert);
            }
            lhs = rhs;
        }
        return BoolDatum.of(!invert);
    }

    /** AND stops at the first falsy value, OR at the first truthy one; that value is the result. */
    private static Object shortCircuit(Term t, Env env, boolean stopWhen) {
        Object v = BoolDatum.of(!stopWhen);
        for (int i = 0; i < t.argCount(); i++) {
            v = t.arg(env, i);
            int index = i;
            Object value = v;
            boolean truthy = t.inArg(index, () -> Values.isTruthy(Values.toDatum(value)));
            if (truthy == stopWhen) {
                break;
            }
        }
        return v;
    }
}
