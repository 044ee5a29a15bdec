package io.reqldb.query.eval;

import io.reqldb.datum.Datum;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.limits.QueryControl;
import io.reqldb.query.term.Term;

/**
 * A function value: a compiled body closed over the variables in scope where it was made, or a
 * constant (a datum used where a function is expected, e.g. {@code map(1)}).
 */
public final class FuncValue {
    private final int[] params;
    private final Term body;
    private final Env closure;
    private final Datum constant;
    /** Set for functions implemented in Java (r.js); they accept any number of arguments. */
    private Native nativeBody;

    /** A function body implemented in Java rather than ReQL. */
    @FunctionalInterface
    public interface Native {
        Object call(Datum[] args);
    }
    private final Datum source;

    public FuncValue(int[] params, Term body, Env closure) {
        this(params, body, closure, null);
    }

    /** A closure that also knows its wire form ({@code source}: the FUNC term as sent by the client). */
    public FuncValue(int[] params, Term body, Env closure, Datum source) {
        this.params = params;
        this.body = body;
        this.closure = closure;
        this.constant = null;
        this.source = source;
    }

    private FuncValue(Datum constant) {
        this.params = new int[0];
        this.body = null;
        this.closure = null;
        this.constant = constant;
        this.source = null;
    }

    /** The FUNC term's wire form, or null (constants, functions built internally). */
    public Datum source() {
        return source;
    }

    /** The constant this function returns, or null when it is a real function. */
    public Datum constantValue() {
        return constant;
    }

    /** The variables in scope where the function was made (null for constants). */
    public Env closure() {
        return closure;
    }

    /** The parameter variable numbers. */
    public int[] params() {
        return params.clone();
    }

    /** A function implemented in Java that takes any number of arguments (r.js functions). */
    public static FuncValue ofNative(Native body) {
        FuncValue f = new FuncValue((Datum) null);
        f.nativeBody = body;
        return f;
    }

    /** A function of any arity that always returns {@code value}. */
    public static FuncValue constant(Datum value) {
        return new FuncValue(value);
    }

    /** The declared parameter count (0 for constants, which accept any count). */
    public int arity() {
        return params.length;
    }

    public boolean isConstant() {
        return constant != null;
    }

    /**
     * The body's result for these arguments (any value, not only a datum). What the call's
     * buffers kept charged is released when it returns ({@link QueryControl#keptSince}).
     */
    public Object callValue(Datum... args) {
        // Loops that call functions without reading a sequence (fold over an array, while-like
        // recursion through r.do) still stop when their query is cancelled.
        QueryControl control = QueryControl.current();
        control.checkCancelled();
        long mark = control.keptMark();
        try {
            return invoke(args);
        } finally {
            control.keptSince(mark);
        }
    }

    /**
     * {@link #callValue} for a call whose result is the caller's own value ({@code r.do}, a
     * {@code default} function): what its buffers kept stays charged for as long as the caller's
     * value is held.
     */
    public Object callValueKeeping(Datum... args) {
        QueryControl.checkCurrent();
        return invoke(args);
    }

    private Object invoke(Datum... args) {
        if (nativeBody != null) {
            return nativeBody.call(args);
        }
        if (constant != null) {
            return constant;
        }
        if (params.length != args.length && params.length != 0) {
            throw new ReqlQueryLogicError("Expected function with " + args.length + " argument"
                    + (args.length == 1 ? "" : "s") + " but found function with " + params.length
                    + " argument" + (params.length == 1 ? "" : "s") + ".");
        }
        Env env = params.length == 0 ? closure : closure.bind(params, args);
        return body.evalAsBody(env);
    }

    /**
     * The body's result as a datum ({@link Values#functionResult}): an array stream it returns is
     * read within the array limit, a table or lazy stream refused.
     */
    public Datum call(Datum... args) {
        return Values.functionResult(callValue(args), arrayLimit());
    }

    /** {@link #call} whose result is the caller's own value, keeping its charges as {@link #callValueKeeping} does. */
    public Datum callKeeping(Datum... args) {
        return Values.functionResult(callValueKeeping(args), arrayLimit());
    }

    /**
     * The array limit of the query that made this function: RethinkDB reads a stream a function
     * returns through a checked array builder ({@code as_array} with the query's limits).
     * Constants and native functions return no streams.
     */
    public int arrayLimit() {
        return closure == null ? Integer.MAX_VALUE : closure.context().arrayLimit();
    }

    /** Calls a predicate: RethinkDB treats everything but false and null as true. */
    public boolean test(Datum... args) {
        return Values.isTruthy(call(args));
    }

    public Term body() {
        return body;
    }
}
