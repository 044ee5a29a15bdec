package io.reqldb.query.term;

import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.FuncValue;
import java.util.Map;

/** {@code FUNC}: evaluates to a closure over the current variables. */
public final class FuncTerm extends Term {
    private final int[] params;
    private final Term body;
    /** The FUNC term as it came on the wire; kept so stored functions (indexes, hooks) can be serialized. */
    private final io.reqldb.datum.Datum source;

    FuncTerm(int[] params, Term body, io.reqldb.datum.Datum source) {
        super(TermType.FUNC, new Term[] {body}, Map.of());
        this.params = params;
        this.body = body;
        this.source = source;
    }

    public int arity() {
        return params.length;
    }

    public Term body() {
        return body;
    }

    @Override
    public Object eval(Env env) {
        return new FuncValue(params, body, env, source);
    }
}
