package io.reqldb.query.term;

import io.reqldb.query.eval.Env;
import java.util.Map;

/** {@code r.row}: the argument of the enclosing one-parameter function. */
final class ImplicitVarTerm extends Term {
    ImplicitVarTerm() {
        super(TermType.IMPLICIT_VAR, new Term[0], Map.of());
    }

    @Override
    public Object eval(Env env) {
        return env.implicitVar();
    }
}
