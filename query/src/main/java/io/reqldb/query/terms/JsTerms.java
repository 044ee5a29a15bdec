package io.reqldb.query.terms;

import io.reqldb.datum.Datum;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.error.ReqlResourceLimitError;
import io.reqldb.query.eval.FuncValue;
import io.reqldb.query.eval.Values;
import io.reqldb.query.limits.QueryControl;
import io.reqldb.query.term.TermFamily;
import io.reqldb.query.term.TermRegistry;
import io.reqldb.query.term.TermType;
import io.reqldb.query.terms.js.JsRunner;

/**
 * {@code r.js}: JavaScript evaluated in a worker process (Mozilla Rhino, no host access; see
 * {@link io.reqldb.jsworker}), with the {@code timeout} optarg (seconds, default 5). Code that
 * evaluates to a function gives a ReQL function taking any number of arguments, each call run in
 * a worker too.
 */
public final class JsTerms implements TermFamily {
    @Override
    public void register(TermRegistry r) {
        r.term(TermType.JAVASCRIPT).args(1).optargs("timeout").body((t, env) -> {
            long timeoutMs = 5000;
            Datum timeout = t.optargDatum(env, "timeout");
            if (timeout != null) {
                double seconds = t.inOptarg("timeout", () -> Values.toNumber(timeout));
                timeoutMs = seconds > Long.MAX_VALUE / 1000.0 ? Long.MAX_VALUE : (long) (seconds * 1000);
            }
            String source = t.stringArg(env, 0);
            JsRunner.Result result = JsRunner.eval(source, timeoutMs);
            int arrayLimit = env.context().arrayLimit();
            if (result instanceof JsRunner.FunctionResult f) {
                return FuncValue.ofNative(args -> withinLimit(JsRunner.call(f, args), arrayLimit));
            }
            return withinLimit(((JsRunner.DatumResult) result).value(), arrayLimit);
        });
    }

    /**
     * A script's value, its arrays checked against the array limit and its size against the
     * memory budget. RethinkDB's worker converts it through checked builders and reports a
     * failure as the script's error: a logic error with the array limit's text.
     */
    private static Datum withinLimit(Datum value, int arrayLimit) {
        try {
            Values.checkArraysWithin(value, arrayLimit);
        } catch (ReqlResourceLimitError e) {
            throw new ReqlQueryLogicError(e.getMessage());
        }
        // A worker's heap is far larger than a small budget: its value is charged once here.
        return QueryControl.current().checkFits(value);
    }
}
