package io.reqldb.query.eval;

import io.reqldb.datum.Datum;
import io.reqldb.query.error.ReqlCompileError;

/**
 * What a term sees while it runs: the query's context and the variables bound by the enclosing
 * functions. Immutable; binding variables makes a new Env.
 */
public final class Env {
    private final QueryContext context;
    private final Binding vars;
    private final Datum implicitVar;
    /** A term whose argument 0 is already evaluated (one group of grouped data), and that value. */
    private final Object firstArgOwner;
    private final Object firstArgValue;

    public Env(QueryContext context) {
        this(context, null, null, null, null);
    }

    private Env(QueryContext context, Binding vars, Datum implicitVar, Object firstArgOwner, Object firstArgValue) {
        this.context = context;
        this.vars = vars;
        this.implicitVar = implicitVar;
        this.firstArgOwner = firstArgOwner;
        this.firstArgValue = firstArgValue;
    }

    /**
     * This environment, in which {@code owner}'s argument 0 is {@code value} already. Kept in the
     * environment rather than in the term, because one term may run on several threads at once
     * (the parts of a whole-table read).
     */
    public Env withFirstArg(Object owner, Object value) {
        return new Env(context, vars, implicitVar, owner, value);
    }

    /** {@code owner}'s argument 0 given by {@link #withFirstArg}, or null. */
    public Object firstArgOf(Object owner) {
        return owner == firstArgOwner ? firstArgValue : null;
    }

    public QueryContext context() {
        return context;
    }

    /** This environment plus function parameters bound to values. */
    public Env bind(int[] params, Datum[] values) {
        Binding b = vars;
        for (int i = 0; i < params.length; i++) {
            b = new Binding(params[i], values[i], b);
        }
        Datum implicit = implicitVar;
        if (params.length == 1 && params[0] >= 0) {
            implicit = values[0];
        }
        return new Env(context, b, implicit, firstArgOwner, firstArgValue);
    }

    public Datum var(int id) {
        for (Binding b = vars; b != null; b = b.next) {
            if (b.id == id) {
                return b.value;
            }
        }
        throw new ReqlCompileError("Variable name not found.");
    }

    public Datum implicitVar() {
        if (implicitVar == null) {
            throw new ReqlCompileError("r.row is not defined in this context.");
        }
        return implicitVar;
    }

    /** One bound variable in a persistent linked list (functions rarely bind more than two). */
    private record Binding(int id, Datum value, Binding next) {
    }
}
