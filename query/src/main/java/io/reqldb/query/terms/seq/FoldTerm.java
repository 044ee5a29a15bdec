package io.reqldb.query.terms.seq;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumType;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.FuncValue;
import io.reqldb.query.eval.Sequence;
import io.reqldb.query.eval.Values;
import io.reqldb.query.limits.QueryControl;
import io.reqldb.query.term.Term;
import java.util.ArrayDeque;

/**
 * {@code seq.fold(base, acc_fn, {emit, final_emit})}: without {@code emit} a single value (passed
 * through {@code final_emit}); with it a lazy stream of everything {@code emit(old, row, new)} and
 * then {@code final_emit(acc)} return.
 */
public final class FoldTerm {
    private FoldTerm() {
    }

    public static Object eval(Term t, Env env) {
        Sequence seq = t.seqArg(env, 0);
        Datum base = t.datumArg(env, 1);
        FuncValue acc = Funcs.strict(t, env, 2);
        if (!acc.isConstant() && acc.arity() != 0 && acc.arity() != 2) {
            throw new ReqlQueryLogicError("The accumulator function passed to `fold` should expect 2 arguments");
        }
        Object emitValue = t.optarg(env, "emit");
        Object finalValue = t.optarg(env, "final_emit");
        FuncValue finalEmit = finalValue == null ? null : Funcs.strictOptarg(t, "final_emit", finalValue);
        if (emitValue == null) {
            if (seq.isInfinite()) {
                throw Values.infiniteError(seq);
            }
            Datum result = base;
            try (seq) {
                for (Datum d = seq.next(); d != null; d = seq.next()) {
                    Datum a = result;
                    Datum row = d;
                    result = accumulated(a, t.inArg(2, () -> Funcs.call(acc, a, row)));
                }
            }
            if (finalEmit != null) {
                Datum r = result;
                return t.inOptarg("final_emit", () -> Funcs.call(finalEmit, r));
            }
            return result;
        }
        FuncValue emit = Funcs.strictOptarg(t, "emit", emitValue);
        ArrayDeque<Datum> pending = new ArrayDeque<>();
        Datum[] state = {base};
        boolean[] finished = {false};
        Sequence out = Streams.generate(() -> {
            while (pending.isEmpty()) {
                if (finished[0]) {
                    return null;
                }
                Datum row = seq.next();
                if (row == null) {
                    finished[0] = true;
                    if (finalEmit != null) {
                        Datum r = state[0];
                        addAll(pending, t.inOptarg("final_emit", () -> Values.toDatum(finalEmit.callValue(r))));
                    }
                    continue;
                }
                Datum old = state[0];
                Datum next = accumulated(old, t.inArg(2, () -> Funcs.call(acc, old, row)));
                addAll(pending, t.inOptarg("emit", () -> Values.toDatum(emit.callValue(old, row, next))));
                state[0] = next;
            }
            return pending.poll();
        }, seq::close, seq.isArray(), seq.isInfinite());
        return Streams.result(out, env);
    }

    /**
     * Checks a new accumulator object against the query's memory budget: objects grown by
     * {@code merge} step by step are otherwise checked by no term (arrays and strings are, where
     * they are built). Done here, not in {@code merge}, so that the per-row {@code merge} of a
     * {@code map} pays nothing; an unchanged accumulator is not walked again. Returns {@code next}.
     *
     * @throws io.reqldb.query.error.ReqlResourceLimitError when it does not fit
     */
    public static Datum accumulated(Datum previous, Datum next) {
        if (next != previous && next instanceof ObjectDatum) {
            QueryControl.current().checkFits(next);
        }
        return next;
    }

    private static void addAll(ArrayDeque<Datum> into, Datum emitted) {
        ArrayDatum arr = (ArrayDatum) Values.expect(emitted, DatumType.ARRAY);
        into.addAll(arr.items());
    }
}
