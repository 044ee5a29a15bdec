package io.reqldb.query.term;

import io.reqldb.query.eval.Env;
import java.util.Map;

/** {@code VAR}: a function parameter. */
final class VarTerm extends Term {
    private final int id;

    VarTerm(int id) {
        super(TermType.VAR, new Term[0], Map.of());
        this.id = id;
    }

    @Override
    public Object eval(Env env) {
        return env.var(id);
    }
}
