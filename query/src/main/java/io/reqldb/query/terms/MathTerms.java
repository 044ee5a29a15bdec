package io.reqldb.query.terms;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumType;
import io.reqldb.datum.StringDatum;
import io.reqldb.datum.TimeDatum;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.Values;
import io.reqldb.query.term.Term;
import io.reqldb.query.term.TermFamily;
import io.reqldb.query.term.TermRegistry;
import io.reqldb.query.term.TermType;
import io.reqldb.query.terms.datum.Num;
import io.reqldb.query.terms.time.TimeArithmetic;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * Arithmetic: ADD (numbers, strings, arrays, times), SUB, MUL (also array repetition), DIV, MOD,
 * FLOOR, CEIL, ROUND. Bitwise terms live in {@link BitTerms}. Every number built here goes
 * through {@link Num#of}, so overflow gives RethinkDB's "Non-finite number" error.
 */
public final class MathTerms implements TermFamily {
    /** The binary step of a variadic arithmetic term: {@code acc = op(acc, next)}. */
    private interface Step {
        Datum apply(Datum lhs, Datum rhs, Env env);
    }

    @Override
    public void register(TermRegistry r) {
        r.term(TermType.ADD).args(1, -1).body((t, env) -> fold(t, env, MathTerms::add));
        r.term(TermType.SUB).args(1, -1).body((t, env) -> fold(t, env, MathTerms::sub));
        r.term(TermType.MUL).args(1, -1).body((t, env) -> fold(t, env, MathTerms::mul));
        r.term(TermType.DIV).args(1, -1).body((t, env) -> fold(t, env, MathTerms::div));
        r.term(TermType.MOD).args(2).body(MathTerms::mod);
        r.term(TermType.FLOOR).args(1).body((t, env) -> unary(t, env, Math::floor));
        r.term(TermType.CEIL).args(1).body((t, env) -> unary(t, env, Math::ceil));
        r.term(TermType.ROUND).args(1).body((t, env) -> unary(t, env, MathTerms::roundHalfAway));
        new BitTerms().register(r);
    }

    /**
     * Applies {@code step} left to right. A step's errors (wrong types, division by zero) are the
     * arithmetic term's own, as in RethinkDB, not the argument's that had the wrong type.
     */
    private static Object fold(Term t, Env env, Step step) {
        Datum acc = t.datumArg(env, 0);
        for (int i = 1; i < t.argCount(); i++) {
            acc = step.apply(acc, t.datumArg(env, i), env);
        }
        return acc;
    }

    private static Object unary(Term t, Env env, DoubleUnaryOperator f) {
        return Num.of(f.applyAsDouble(t.numberArg(env, 0)));
    }

    /** C's round(): halves go away from zero (Java's Math.round goes up). */
    static double roundHalfAway(double x) {
        double a = Math.abs(x);
        double t = Math.floor(a);
        if (a - t >= 0.5) {
            t += 1;
        }
        return Math.copySign(t, x);
    }

    static Datum add(Datum lhs, Datum rhs, Env env) {
        if (lhs instanceof TimeDatum || rhs instanceof TimeDatum) {
            return TimeArithmetic.add(lhs, rhs);
        }
        switch (lhs.type()) {
            case NUMBER:
                return Num.of(Num.value(lhs) + Num.value(rhs));
            case STRING: {
                String a = ((StringDatum) lhs).value();
                String b = ((StringDatum) Values.expect(rhs, DatumType.STRING)).value();
                // A string doubled in a loop reaches the heap's size in a few dozen steps.
                env.context().control().checkSize(2L * (a.length() + b.length()));
                return new StringDatum(a + b);
            }
            case ARRAY: {
                ArrayDatum b = (ArrayDatum) Values.expect(rhs, DatumType.ARRAY);
                ArrayDatum a = (ArrayDatum) lhs;
                int limit = env.context().arrayLimit();
                if ((long) a.size() + b.size() > limit) {
                    throw Values.arrayLimit(limit);
                }
                List<Datum> out = new ArrayList<>(a.size() + b.size());
                out.addAll(a.items());
                out.addAll(b.items());
                // acc.add([x]) in a fold grows an array step by step: each step is charged.
                return env.context().control().checkFits(ArrayDatum.wrap(out));
            }
            default:
                throw Values.typedError(lhs, "Expected type NUMBER but found " + lhs.typeName() + ".");
        }
    }

    static Datum sub(Datum lhs, Datum rhs, Env env) {
        if (lhs instanceof TimeDatum time) {
            return TimeArithmetic.subtract(time, rhs);
        }
        double a = Num.value(lhs);
        return Num.of(a - Num.value(rhs));
    }

    static Datum mul(Datum lhs, Datum rhs, Env env) {
        if (lhs instanceof ArrayDatum || rhs instanceof ArrayDatum) {
            ArrayDatum array = (ArrayDatum) (lhs instanceof ArrayDatum ? lhs : rhs);
            long copies = Values.toLong(lhs instanceof ArrayDatum ? rhs : lhs);
            if (copies < 0) {
                throw new ReqlQueryLogicError("Cannot multiply an ARRAY by a negative number.");
            }
            int limit = env.context().arrayLimit();
            if (copies > 0 && (double) copies * array.size() > limit) {
                throw Values.arrayLimit(limit);
            }
            List<Datum> out = new ArrayList<>((int) (copies * array.size()));
            for (long j = 0; j < copies; j++) {
                out.addAll(array.items());
            }
            return env.context().control().checkFits(ArrayDatum.wrap(out));
        }
        double a = Num.value(lhs);
        return Num.of(a * Num.value(rhs));
    }

    static Datum div(Datum lhs, Datum rhs, Env env) {
        double a = Num.value(lhs);
        double b = Num.value(rhs);
        if (b == 0) {
            throw new ReqlQueryLogicError("Cannot divide by zero.");
        }
        return Num.of(a / b);
    }

    private static Object mod(Term t, Env env) {
        long a = t.intArg(env, 0);
        long b = t.intArg(env, 1);
        if (b == 0) {
            throw new ReqlQueryLogicError("Cannot take a number modulo 0.");
        }
        return Num.of((double) (a % b));
    }
}
