package io.reqldb.query.terms.js;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.BinaryDatum;
import io.reqldb.datum.BoolDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumJson;
import io.reqldb.datum.ExtremeDatum;
import io.reqldb.datum.NullDatum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.datum.TimeDatum;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.terms.time.TimeMath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mozilla.javascript.CompilerEnvirons;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Node;
import org.mozilla.javascript.Parser;
import org.mozilla.javascript.ast.AstRoot;
import org.mozilla.javascript.ast.ErrorCollector;
import org.mozilla.javascript.ast.FunctionNode;
import org.mozilla.javascript.ContextFactory;
import org.mozilla.javascript.EcmaError;
import org.mozilla.javascript.EvaluatorException;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.JavaScriptException;
import org.mozilla.javascript.NativeArray;
import org.mozilla.javascript.RhinoException;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.Undefined;
import org.mozilla.javascript.Wrapper;

/**
 * Runs {@code r.js} code in Mozilla Rhino (interpreted, so a timeout can stop any loop), converting
 * values both ways as RethinkDB 2.4 does: times become {@code Date}s and back, {@code undefined},
 * functions, RegExps and non-finite numbers cannot come back, and errors carry the exception's
 * string form.
 */
public final class JsRunner {
    private static final int RECURSION_LIMIT = 1000;
    private static final TimedContextFactory FACTORY = new TimedContextFactory();

    /** What an evaluation produced: a datum, or a function to call later. */
    public sealed interface Result permits DatumResult, FunctionResult {
    }

    public record DatumResult(Datum value) implements Result {
    }

    public record FunctionResult(Function function, Scriptable scope) implements Result {
    }

    private JsRunner() {
    }

    /** Evaluates {@code source}; throws a query logic error for JS errors and timeouts. */
    public static Result eval(String source, long timeoutMs) {
        Context cx = FACTORY.enter(deadline(timeoutMs));
        try {
            rejectNamelessDeclarations(cx, source);
            Scriptable scope = cx.initStandardObjects();
            Object value = cx.evaluateString(scope, source, "rethinkdb_query", 1, null);
            if (value instanceof Function f) {
                return new FunctionResult(f, scope);
            }
            return new DatumResult(toDatum(value, RECURSION_LIMIT));
        } catch (TimeoutError e) {
            throw timeout(source, timeoutMs);
        } catch (RhinoException e) {
            throw new ReqlQueryLogicError(message(e));
        } finally {
            Context.exit();
        }
    }

    /** Calls a function {@code r.js} returned. */
    public static Datum call(FunctionResult f, String source, long timeoutMs, Datum[] args) {
        Context cx = FACTORY.enter(deadline(timeoutMs));
        try {
            Object[] jsArgs = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                jsArgs[i] = toJs(cx, f.scope(), args[i]);
            }
            Object value = f.function().call(cx, f.scope(), f.scope(), jsArgs);
            if (value instanceof Function) {
                throw new ReqlQueryLogicError("Returning functions from within `r.js` is unsupported.");
            }
            return toDatum(value, RECURSION_LIMIT);
        } catch (TimeoutError e) {
            throw timeout(source, timeoutMs);
        } catch (RhinoException e) {
            throw new ReqlQueryLogicError(message(e));
        } finally {
            Context.exit();
        }
    }

    /**
     * A function declaration needs a name in standard JavaScript (RethinkDB's engine reports
     * "SyntaxError: function name expected"); Rhino would accept {@code function() {}} as a statement.
     */
    private static void rejectNamelessDeclarations(Context cx, String source) {
        CompilerEnvirons env = new CompilerEnvirons();
        env.initFromContext(cx);
        env.setRecoverFromErrors(true);
        env.setIdeMode(true);
        AstRoot root = new Parser(env, new ErrorCollector()).parse(source, "rethinkdb_query", 1);
        for (Node n = root.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof FunctionNode fn && fn.getFunctionName() == null
                    && fn.getFunctionType() == FunctionNode.FUNCTION_STATEMENT) {
                throw new ReqlQueryLogicError("SyntaxError: function name expected");
            }
        }
    }

    private static long deadline(long timeoutMs) {
        long now = System.nanoTime();
        long nanos = timeoutMs > Long.MAX_VALUE / 1_000_000 ? Long.MAX_VALUE / 2 : timeoutMs * 1_000_000;
        return now + Math.min(nanos, Long.MAX_VALUE / 2);
    }

    private static ReqlQueryLogicError timeout(String source, long timeoutMs) {
        return new ReqlQueryLogicError("JavaScript query `" + source + "` timed out after " + timeoutMs / 1000 + "."
                + String.format(java.util.Locale.ROOT, "%03d", timeoutMs % 1000) + " seconds.");
    }

    /** The exception as JavaScript's {@code String(e)} shows it, e.g. "ReferenceError: x is not defined". */
    private static String message(RhinoException e) {
        if (e instanceof JavaScriptException js) {
            Object v = js.getValue();
            if (v instanceof Scriptable s && ScriptableObject.getProperty(s, "name") instanceof CharSequence name) {
                Object msg = ScriptableObject.getProperty(s, "message");
                String m = msg instanceof CharSequence ? msg.toString() : "";
                return m.isEmpty() ? name.toString() : name + ": " + m;
            }
            return Context.toString(v);
        }
        if (e instanceof EcmaError ecma) {
            return ecma.getName() + ": " + standardWording(ecma.getErrorMessage());
        }
        if (e instanceof EvaluatorException ev) {
            return "SyntaxError: " + ev.details();
        }
        return e.details();
    }

    private static final java.util.regex.Pattern NOT_DEFINED = java.util.regex.Pattern.compile("\"(.*)\" is not defined\\.");
    private static final java.util.regex.Pattern NO_PROPERTY =
            java.util.regex.Pattern.compile("Cannot read property \"(.*)\" from (undefined|null)");

    /** Rhino's wording of the commonest errors in the wording of RethinkDB 2.4's engine (QuickJS). */
    private static String standardWording(String message) {
        java.util.regex.Matcher m = NOT_DEFINED.matcher(message);
        if (m.matches()) {
            return "'" + m.group(1) + "' is not defined";
        }
        m = NO_PROPERTY.matcher(message);
        if (m.matches()) {
            return "cannot read property '" + m.group(1) + "' of " + m.group(2);
        }
        return message;
    }

    // ------------------------------------------------------------------ conversions

    static Object toJs(Context cx, Scriptable scope, Datum d) {
        if (d instanceof NullDatum) {
            return null;
        }
        if (d instanceof BoolDatum b) {
            return b.value();
        }
        if (d instanceof NumberDatum n) {
            return n.value();
        }
        if (d instanceof StringDatum s) {
            return s.value();
        }
        if (d instanceof ArrayDatum a) {
            Object[] items = new Object[a.items().size()];
            for (int i = 0; i < items.length; i++) {
                items[i] = toJs(cx, scope, a.items().get(i));
            }
            return cx.newArray(scope, items);
        }
        if (d instanceof TimeDatum t) {
            return cx.newObject(scope, "Date", new Object[] {t.epochSeconds() * 1000});
        }
        if (d instanceof ExtremeDatum) {
            throw new ReqlQueryLogicError("`" + (d.type() == io.reqldb.datum.DatumType.MAXVAL ? "r.maxval" : "r.minval")
                    + "` cannot be passed to `r.js`.");
        }
        ObjectDatum o = d instanceof BinaryDatum ? DatumJson.asRawObject(d) : (ObjectDatum) d;
        Scriptable obj = cx.newObject(scope);
        for (Map.Entry<String, Datum> e : o.fields().entrySet()) {
            ScriptableObject.putProperty(obj, e.getKey(), toJs(cx, scope, e.getValue()));
        }
        return obj;
    }

    static Datum toDatum(Object v, int depth) {
        if (depth == 0) {
            throw new ReqlQueryLogicError("Recursion limit exceeded in js_to_json (circular reference?).");
        }
        if (v instanceof Wrapper w) {
            v = w.unwrap();
        }
        if (v instanceof CharSequence s) {
            return new StringDatum(s.toString());
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (!Double.isFinite(d)) {
                throw new ReqlQueryLogicError("Number return value is not finite.");
            }
            return NumberDatum.of(d);
        }
        if (v instanceof Boolean b) {
            return BoolDatum.of(b);
        }
        if (v == null) {
            return NullDatum.INSTANCE;
        }
        if (v == Undefined.instance || Undefined.isUndefined(v)) {
            throw new ReqlQueryLogicError("Cannot convert javascript `undefined` to ql::datum_t.");
        }
        if (v instanceof NativeArray a) {
            long n = a.getLength();
            List<Datum> items = new ArrayList<>();
            for (long i = 0; i < n; i++) {
                items.add(toDatum(a.get((int) i, a), depth - 1));
            }
            return ArrayDatum.wrap(items);
        }
        if (v instanceof Function) {
            throw new ReqlQueryLogicError("Cannot convert function to ql::datum_t.");
        }
        if (v instanceof ScriptableObject s) {
            switch (s.getClassName()) {
                case "RegExp":
                    throw new ReqlQueryLogicError("Cannot convert RegExp to ql::datum_t.");
                case "Date": {
                    double ms = Context.toNumber(ScriptableObject.callMethod(s, "valueOf", new Object[0]));
                    if (Double.isNaN(ms)) {
                        throw new ReqlQueryLogicError("Invalid Date in JS environment");
                    }
                    return TimeMath.time(ms * (1.0 / 1000.0), TimeDatum.UTC);
                }
                default: {
                    TreeMap<String, Datum> fields = ObjectDatum.newFieldMap();
                    for (Object id : s.getIds()) {
                        String key = id.toString();
                        Object value = id instanceof Integer i ? s.get(i, s) : s.get(key, s);
                        fields.put(key, toDatum(value, depth - 1));
                    }
                    return io.reqldb.query.terms.datum.PseudoTypes.build(fields);
                }
            }
        }
        throw new ReqlQueryLogicError("Unhandled value type when converting to ql::datum_t.");
    }

    /** Thrown inside Rhino when a query's time is up. */
    private static final class TimeoutError extends Error {
        TimeoutError() {
            super(null, null, false, false);
        }
    }

    /** Interpreted contexts that check a deadline every few thousand instructions. */
    private static final class TimedContextFactory extends ContextFactory {
        private static final class TimedContext extends Context {
            long deadline;

            TimedContext(ContextFactory f) {
                super(f);
            }
        }

        Context enter(long deadline) {
            TimedContext cx = (TimedContext) enterContext();
            cx.deadline = deadline;
            return cx;
        }

        @Override
        protected Context makeContext() {
            TimedContext cx = new TimedContext(this);
            cx.setOptimizationLevel(-1);
            cx.setLanguageVersion(Context.VERSION_ES6);
            cx.setInstructionObserverThreshold(10_000);
            return cx;
        }

        @Override
        protected void observeInstructionCount(Context cx, int instructionCount) {
            if (System.nanoTime() - ((TimedContext) cx).deadline > 0) {
                throw new TimeoutError();
            }
        }
    }
}
