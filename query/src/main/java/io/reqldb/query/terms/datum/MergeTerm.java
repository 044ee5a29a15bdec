package io.reqldb.query.terms.datum;

import io.reqldb.datum.Datum;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.FuncValue;
import io.reqldb.query.eval.Values;
import io.reqldb.query.term.Term;
import io.reqldb.query.term.TermType;
import java.util.Map;
import java.util.Set;

/**
 * {@code obj.merge(other...)}: each argument is an object (literals allowed) or a function of
 * the object merged so far; over a sequence each element is merged.
 */
public final class MergeTerm extends Term {
    public MergeTerm(TermType type, Term[] args, Map<String, Term> optargs) {
        super(type, args, optargs);
    }

    @Override
    public Object eval(Env env) {
        return ObjOrSeq.apply(env, arg(env, 0), "merge", ObjOrSeq.Poly.MAP, Set.of(), obj -> mergeAll(obj, env));
    }

    private Datum mergeAll(Datum obj, Env env) {
        Datum d = obj;
        for (int i = 1; i < argCount(); i++) {
            Object v = arg(env, i);
            Datum acc = d;
            int index = i;
            Datum next = inArg(i, () -> v instanceof FuncValue f ? f.call(acc) : Values.toDatum(v));
            String ptype = ObjOrSeq.ptype(next);
            if (ObjOrSeq.isObject(next) && ptype != null && !Literals.LITERAL.equals(ptype)) {
                throw new ReqlQueryLogicError("Cannot merge objects of type `" + next.typeName() + "`.")
                        .addFrame(index);
            }
            d = Literals.merge(d, next);
        }
        return d;
    }
}
