package io.reqldb.query.term;

import io.reqldb.query.eval.Env;
import java.util.Map;

/** A term whose behaviour is a {@link TermBody}; most terms are registered this way. */
final class SimpleTerm extends Term {
    private final TermBody body;

    SimpleTerm(TermType type, Term[] args, Map<String, Term> optargs, TermBody body) {
        super(type, args, optargs);
        this.body = body;
    }

    @Override
    public Object eval(Env env) {
        return body.eval(this, env);
    }
}
