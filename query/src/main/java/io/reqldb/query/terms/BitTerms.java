package io.reqldb.query.terms;

import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.eval.Env;
import io.reqldb.query.term.Term;
import io.reqldb.query.term.TermFamily;
import io.reqldb.query.term.TermRegistry;
import io.reqldb.query.term.TermType;
import io.reqldb.query.terms.datum.Num;
import java.util.function.LongBinaryOperator;

/**
 * Bitwise terms (BIT_AND, BIT_OR, BIT_XOR, BIT_NOT, BIT_SAL, BIT_SAR), registered by
 * {@link MathTerms}. Operands must be integers in [-2^53, 2^53), RethinkDB's "bit-flippable" range.
 */
final class BitTerms implements TermFamily {
    private static final long LIMIT = 1L << 53;

    @Override
    public void register(TermRegistry r) {
        r.term(TermType.BIT_AND).args(1, -1).body((t, env) -> fold(t, env, (a, b) -> a & b));
        r.term(TermType.BIT_OR).args(1, -1).body((t, env) -> fold(t, env, (a, b) -> a | b));
        r.term(TermType.BIT_XOR).args(1, -1).body((t, env) -> fold(t, env, (a, b) -> a ^ b));
        r.term(TermType.BIT_NOT).args(1).body((t, env) -> Num.of((double) ~ranged(t, env, 0)));
        r.term(TermType.BIT_SAL).args(2).body((t, env) -> shift(t, env, true));
        r.term(TermType.BIT_SAR).args(2).body((t, env) -> shift(t, env, false));
    }

    private static long ranged(Term t, Env env, int i) {
        long v = t.intArg(env, i);
        if (v < -LIMIT || v >= LIMIT) {
            throw new ReqlQueryLogicError("Integer too large: " + v);
        }
        return v;
    }

    private static Object fold(Term t, Env env, LongBinaryOperator op) {
        long acc = ranged(t, env, 0);
        for (int i = 1; i < t.argCount(); i++) {
            acc = op.applyAsLong(acc, ranged(t, env, i));
        }
        return Num.of((double) acc);
    }

    private static Object shift(Term t, Env env, boolean left) {
        long lhs = ranged(t, env, 0);
        long rhs = t.intArg(env, 1);
        if (rhs < 0) {
            throw new ReqlQueryLogicError("Cannot bit-shift by a negative value");
        }
        double result;
        if (left) {
            result = rhs < 4096 ? Math.scalb((double) lhs, (int) rhs) : (lhs == 0 ? 0 : Double.POSITIVE_INFINITY);
        } else {
            result = rhs > 63 ? (lhs < 0 ? -1 : 0) : (double) (lhs >> rhs);
        }
        return Num.of(result);
    }
}
