package io.reqldb.query.terms;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.error.ReqlNonExistenceError;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.error.ReqlUserError;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.FuncValue;
import io.reqldb.query.eval.Values;
import io.reqldb.query.term.Term;
import io.reqldb.query.term.TermFamily;
import io.reqldb.query.term.TermRegistry;
import io.reqldb.query.term.TermType;
import java.util.ArrayList;
import java.util.List;

/** Arrays, function calls, branching, errors and {@code default}. */
public final class ControlTerms implements TermFamily {
    @Override
    public void register(TermRegistry r) {
        r.term(TermType.MAKE_ARRAY).args(0, -1).notGroupable().body(ControlTerms::makeArray);
        r.term(TermType.ARGS).args(1).notGroupable().body((t, env) -> t.arrayArg(env, 0));
        r.term(TermType.FUNCALL).args(1, -1).notGroupable().body(ControlTerms::funcall);
        r.term(TermType.BRANCH).args(3, -1).notGroupable().body(ControlTerms::branch);
        r.term(TermType.ERROR).args(0, 1).notGroupable().body(ControlTerms::error);
        r.term(TermType.DEFAULT).args(2).notGroupable().body(ControlTerms::defaultTerm);
    }

    private static Object makeArray(Term t, Env env) {
        int n = t.argCount();
        if (n > env.context().arrayLimit()) {
            throw Values.arrayLimit(env.context().arrayLimit());
        }
        List<Datum> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            items.add(t.datumArg(env, i));
        }
        // [acc, x] in a fold nests a new level per step: charged like any array a term grows.
        return env.context().control().checkFits(ArrayDatum.wrap(items));
    }

    /** {@code r.do(args..., f)}: the function comes last on the wire. */
    private static Object funcall(Term t, Env env) {
        int last = t.argCount() - 1;
        FuncValue f = t.funcArg(env, 0);
        Datum[] args = new Datum[last];
        Object first = last > 0 ? t.arg(env, 1) : null;
        // Arguments must be data (arrays in disguise included): RethinkDB refuses a table,
        // selection or stream here with "Expected type DATUM but found ...", blaming the argument.
        for (int i = 1; i < last; i++) {
            Object v = t.arg(env, i + 1);
            args[i] = t.inArg(i + 1, () -> io.reqldb.query.terms.seq.Funcs.datumResult(v));
        }
        if (first instanceof io.reqldb.query.eval.GroupedData grouped) {
            // RethinkDB's funcall is polymorphic on its first data argument: the function runs per
            // group, and each group's result is part of funcall's own value, so it keeps its charges.
            io.reqldb.query.eval.GroupedData out = new io.reqldb.query.eval.GroupedData();
            for (java.util.Map.Entry<Datum, Object> group : grouped.groups().entrySet()) {
                Datum[] groupArgs = args.clone();
                groupArgs[0] = Values.toDatumMaterialized(group.getValue());
                out.put(group.getKey(), t.inArg(0, () -> f.callKeeping(groupArgs)));
            }
            return out;
        }
        if (last > 0) {
            args[0] = t.inArg(1, () -> io.reqldb.query.terms.seq.Funcs.datumResult(first));
        }
        return t.inArg(0, () -> f.callValueKeeping(args));
    }

    /** {@code r.branch(test1, then1, test2, then2, ..., else)}. */
    private static Object branch(Term t, Env env) {
        int n = t.argCount();
        if (n % 2 == 0) {
            throw new ReqlQueryLogicError("Cannot call `branch` term with an even number of arguments.");
        }
        for (int i = 0; i + 1 < n; i += 2) {
            if (Values.isTruthy(t.datumArg(env, i))) {
                return t.arg(env, i + 1);
            }
        }
        return t.arg(env, n - 1);
    }

    private static Object error(Term t, Env env) {
        if (t.argCount() == 0) {
            throw new ReqlQueryLogicError("Empty ERROR term outside a default block.");
        }
        throw new ReqlUserError(t.stringArg(env, 0));
    }

    /**
     * {@code x.default(d)}: d when x is null or fails with a non-existence error (missing field,
     * missing row, index out of bounds...). A function d gets the error message.
     */
    private static Object defaultTerm(Term t, Env env) {
        Object value;
        Datum errorMessage;
        ReqlNonExistenceError original = null;
        try {
            value = t.arg(env, 0);
            if (!(value instanceof Datum d) || d != io.reqldb.datum.NullDatum.INSTANCE) {
                if (!(value instanceof io.reqldb.query.eval.SingleSelection s)
                        || s.row() != io.reqldb.datum.NullDatum.INSTANCE) {
                    return value;
                }
            }
            errorMessage = io.reqldb.datum.NullDatum.INSTANCE;
        } catch (ReqlNonExistenceError e) {
            errorMessage = new StringDatum(e.getMessage());
            original = e;
        }
        try {
            Object fallback = t.arg(env, 1);
            if (fallback instanceof FuncValue f) {
                Datum msg = errorMessage;
                // The function's result is default's own: what its buffers kept (a sorted or
                // grouped table it returns) stays charged for as long as that value is held.
                return t.inArg(1, () -> f.callValueKeeping(msg));
            }
            return fallback;
        } catch (ReqlQueryLogicError e) {
            // r.error() with no message inside the default re-raises what default caught (or
            // gives back the null), as RethinkDB's EMPTY_USER error does.
            if (!EMPTY_ERROR.equals(e.getMessage()) || e instanceof ReqlNonExistenceError) {
                throw e;
            }
            if (original != null) {
                throw original;
            }
            return io.reqldb.datum.NullDatum.INSTANCE;
        }
    }

    private static final String EMPTY_ERROR = "Empty ERROR term outside a default block.";
}
