package io.reqldb.query.terms.datum;

import io.reqldb.query.eval.Env;
import io.reqldb.query.term.Term;
import io.reqldb.query.term.TermType;
import java.util.Map;

/** {@code r.literal(v)}: legal only where {@link Literals#allowIn} marked it. */
public final class LiteralTerm extends Term {
    private boolean allowed;

    public LiteralTerm(TermType type, Term[] args, Map<String, Term> optargs) {
        super(type, args, optargs);
    }

    void allow() {
        allowed = true;
    }

    @Override
    public Object eval(Env env) {
        if (!allowed) {
            throw Literals.stray();
        }
        return Literals.make(argCount() == 1 ? datumArg(env, 0) : null);
    }
}
