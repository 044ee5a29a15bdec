package io.reqldb.query.term;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.BoolDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.error.ReqlError;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.FuncValue;
import io.reqldb.query.eval.Sequence;
import io.reqldb.query.eval.Values;
import java.util.Map;

/**
 * A compiled node of a query. {@link #eval} returns a value: a {@link Datum}, a
 * {@link Sequence} (stream, table, selection), a {@link FuncValue}, or another value class of
 * {@code io.reqldb.query.eval}.
 *
 * <p>Argument helpers evaluate an argument and attach its position to the backtrace of any error
 * raised while evaluating or converting it, so errors point at the right term as RethinkDB's do.
 */
public abstract class Term {
    protected final TermType type;
    protected final Term[] args;
    protected final Map<String, Term> optargs;
    /**
     * Where this term sits in the client's query (argument indexes and optarg names from the
     * root), or null for terms that are not part of one (stored functions).
     */
    private java.util.List<Object> path;

    protected Term(TermType type, Term[] args, Map<String, Term> optargs) {
        this.type = type;
        this.args = args;
        this.optargs = optargs;
    }

    /** Evaluates the term. */
    public abstract Object eval(Env env);

    void setPath(java.util.List<Object> path) {
        this.path = path;
    }

    /**
     * Evaluates the term as the body of a function. A body runs wherever its function is called
     * (inside another term, or while a lazy sequence is read), so its errors take the body's own
     * place in the query, as RethinkDB's do, rather than the path the call happened to take.
     */
    public final Object evalAsBody(Env env) {
        try {
            return eval(env);
        } catch (ReqlError e) {
            throw e.anchorAt(path);
        }
    }

    /**
     * Makes an error raised while this term's lazy result is read (after its evaluation returned)
     * this term's own, wherever the reading happens, as RethinkDB's streams carry their term's
     * backtrace.
     */
    public final ReqlError anchor(ReqlError e) {
        return e.anchorAt(path);
    }

    /** Evaluates with argument 0 given (already evaluated, or one group of grouped data). */
    final Object evalWithFirstArg(Env env, Object first) {
        return eval(env.withFirstArg(this, first));
    }

    public TermType type() {
        return type;
    }

    public int argCount() {
        return args.length;
    }

    public Term rawArg(int i) {
        return args[i];
    }

    /** Whether the term was given optarg {@code name} (its own; see {@link #hasOptarg(Env, String)}). */
    public boolean hasOptarg(String name) {
        return optargs.containsKey(name);
    }

    /** Whether optarg {@code name} has a value here: the term's own, or the query's global one. */
    public boolean hasOptarg(Env env, String name) {
        return optargs.containsKey(name) || env.context().globalOptarg(name) != null;
    }

    /** The compiled optarg {@code name} (for MAKE_OBJ: the field's term), or Java null. */
    public Term rawOptarg(String name) {
        return optargs.get(name);
    }

    /** The compiled optargs (for MAKE_OBJ: the fields' terms). */
    public java.util.Collection<Term> rawOptargs() {
        return optargs.values();
    }

    /** The compiled optargs by name (for analyses that walk a term tree, e.g. determinism). */
    public Map<String, Term> optargTerms() {
        return optargs;
    }

    /**
     * Evaluates this term with argument 0 replaced by an already evaluated value: lets a
     * changefeed re-apply one step of a {@code table.filter(...).map(...)} chain to each changed row.
     */
    public final Object evalOn(Env env, Object first) {
        return evalWithFirstArg(env, first);
    }

    /** True when this term always yields the same datum: a literal. */
    public boolean isConstant() {
        return false;
    }

    // ----------------------------------------------------------------- arguments

    /** Evaluates argument {@code i}. */
    public final Object arg(Env env, int i) {
        if (i == 0) {
            Object first = env.firstArgOf(this);
            if (first != null) {
                return first;
            }
        }
        try {
            return args[i].eval(env);
        } catch (ReqlError e) {
            throw e.addFrame(i);
        }
    }

    /** Evaluates argument {@code i} as a datum (a single selection gives its row). */
    public final Datum datumArg(Env env, int i) {
        Object v = arg(env, i);
        try {
            return Values.toDatum(v);
        } catch (ReqlError e) {
            throw e.addFrame(i);
        }
    }

    public final double numberArg(Env env, int i) {
        return ((NumberDatum) checked(env, i, io.reqldb.datum.DatumType.NUMBER)).value();
    }

    /** An integer argument: RethinkDB's "Number not an integer" rule. */
    public final long intArg(Env env, int i) {
        Datum d = datumArg(env, i);
        try {
            return Values.toLong(d);
        } catch (ReqlError e) {
            throw e.addFrame(i);
        }
    }

    public final String stringArg(Env env, int i) {
        return ((StringDatum) checked(env, i, io.reqldb.datum.DatumType.STRING)).value();
    }

    public final ArrayDatum arrayArg(Env env, int i) {
        return (ArrayDatum) checked(env, i, io.reqldb.datum.DatumType.ARRAY);
    }

    /** Argument {@code i} as a sequence (arrays, tables, streams, selections). */
    public final Sequence seqArg(Env env, int i) {
        Object v = arg(env, i);
        try {
            return Values.toSequence(v);
        } catch (ReqlError e) {
            throw e.addFrame(i);
        }
    }

    /** Argument {@code i} as a function; a datum becomes a function that returns it. */
    public final FuncValue funcArg(Env env, int i) {
        Object v = arg(env, i);
        try {
            return Values.toFunc(v);
        } catch (ReqlError e) {
            throw e.addFrame(i);
        }
    }

    private Datum checked(Env env, int i, io.reqldb.datum.DatumType expected) {
        Datum d = datumArg(env, i);
        try {
            return Values.expect(d, expected);
        } catch (ReqlError e) {
            throw e.addFrame(i);
        }
    }

    // ----------------------------------------------------------------- optargs

    /** Evaluates an optarg (the term's own, else the query's global one), or Java null when neither was given. */
    public final Object optarg(Env env, String name) {
        Term t = optargs.get(name);
        if (t == null) {
            Term global = env.context().globalOptarg(name);
            return global == null ? null : global.eval(env);
        }
        try {
            return t.eval(env);
        } catch (ReqlError e) {
            throw e.addFrame(name);
        }
    }

    /** An optarg as a datum, or Java null when it was not given. */
    public final Datum optargDatum(Env env, String name) {
        Object v = optarg(env, name);
        if (v == null) {
            return null;
        }
        try {
            return Values.toDatum(v);
        } catch (ReqlError e) {
            throw e.addFrame(name);
        }
    }

    public final boolean optargBool(Env env, String name, boolean defaultValue) {
        Datum d = optargDatum(env, name);
        if (d == null) {
            return defaultValue;
        }
        try {
            return ((BoolDatum) Values.expect(d, io.reqldb.datum.DatumType.BOOL)).value();
        } catch (ReqlError e) {
            throw e.addFrame(name);
        }
    }

    public final String optargString(Env env, String name, String defaultValue) {
        Datum d = optargDatum(env, name);
        if (d == null) {
            return defaultValue;
        }
        try {
            return ((StringDatum) Values.expect(d, io.reqldb.datum.DatumType.STRING)).value();
        } catch (ReqlError e) {
            throw e.addFrame(name);
        }
    }

    /** Runs {@code body}, attributing its errors to optarg {@code name}. */
    public final <T> T inOptarg(String name, java.util.function.Supplier<T> body) {
        try {
            return body.get();
        } catch (ReqlError e) {
            throw e.addFrame(name);
        }
    }

    /** Runs {@code body}, attributing its errors to argument {@code i}. */
    public final <T> T inArg(int i, java.util.function.Supplier<T> body) {
        try {
            return body.get();
        } catch (ReqlError e) {
            throw e.addFrame(i);
        }
    }
}
