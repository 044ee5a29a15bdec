package io.reqldb.query.terms.js;

import io.reqldb.datum.Datum;
import io.reqldb.jsworker.CancelSignal;
import io.reqldb.jsworker.JsFailure;
import io.reqldb.jsworker.JsReply;
import io.reqldb.jsworker.JsWorkerPool;
import io.reqldb.jsworker.wire.WireWriter;
import io.reqldb.query.error.ReqlError;
import io.reqldb.query.error.ReqlInternalError;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.error.ReqlResourceLimitError;
import io.reqldb.query.limits.QueryControl;
import java.util.Locale;

/**
 * Runs {@code r.js} code in a JavaScript worker process (see {@link io.reqldb.jsworker}) and
 * turns the outcome into a datum, a function, or RethinkDB's error for it.
 */
public final class JsRunner {
    /** What an evaluation produced: a datum, or a function to call later. */
    public sealed interface Result permits DatumResult, FunctionResult {
    }

    public record DatumResult(Datum value) implements Result {
    }

    /** A function, called in a worker by its source (each worker keeps what it evaluated). */
    public record FunctionResult(String source, long timeoutMs) implements Result {
    }

    private JsRunner() {
    }

    /** Evaluates {@code source} within {@code timeoutMs}. */
    public static Result eval(String source, long timeoutMs) {
        JsWorkerPool pool = JsWorkers.pool();
        try {
            JsReply reply = pool.eval(source, timeoutMs, cancelSignal());
            if (reply instanceof JsReply.Value v) {
                return new DatumResult(JsValues.read(v.value()));
            }
            return new FunctionResult(source, timeoutMs);
        } catch (JsFailure f) {
            QueryControl.checkCurrent();
            throw error(f, source, timeoutMs, pool);
        }
    }

    /** Calls a function {@code r.js} returned. */
    public static Datum call(FunctionResult f, Datum[] args) {
        JsWorkerPool pool = JsWorkers.pool();
        WireWriter request = JsWorkerPool.callRequest(f.source(), f.timeoutMs()).writeInt(args.length);
        for (Datum arg : args) {
            JsValues.write(request, arg);
        }
        try {
            JsReply reply = pool.finishCall(request, f.timeoutMs(), cancelSignal());
            if (reply instanceof JsReply.Value v) {
                return JsValues.read(v.value());
            }
            throw new ReqlQueryLogicError("Returning functions from within `r.js` is unsupported.");
        } catch (JsFailure failure) {
            QueryControl.checkCurrent();
            throw error(failure, f.source(), f.timeoutMs(), pool);
        }
    }

    /**
     * The calling thread's query as the pool sees it: cancelling the query (STOP, disconnect,
     * termination) kills the worker running its script at once, whatever the script's timeout.
     */
    private static CancelSignal cancelSignal() {
        QueryControl control = QueryControl.current();
        return action -> control.onCancel(action)::close;
    }

    private static ReqlError error(JsFailure f, String source, long timeoutMs, JsWorkerPool pool) {
        return switch (f.kind()) {
            case SCRIPT_ERROR -> new ReqlQueryLogicError(f.getMessage());
            case TIMEOUT -> new ReqlQueryLogicError("JavaScript query `" + source + "` timed out after "
                    + timeoutMs / 1000 + "." + String.format(Locale.ROOT, "%03d", timeoutMs % 1000) + " seconds.");
            case OUT_OF_MEMORY -> new ReqlResourceLimitError("Javascript query `" + source + "` ran out of memory: a "
                    + "JavaScript worker may use " + pool.options().memoryMb() + " MB (see --js-memory).");
            case CRASH -> new ReqlInternalError("Javascript query `" + source + "` caused a crash in a worker process.");
            case CANCELLED -> new ReqlQueryLogicError("Javascript query `" + source + "` was interrupted.");
        };
    }
}
