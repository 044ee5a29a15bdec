package io.reqldb.query.term;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.query.error.ReqlError;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A term with an {@code r.args(...)} among its arguments: the argument list is only known at run
 * time, so the real term is built and checked per evaluation (arity errors are then runtime
 * errors, as in RethinkDB).
 */
final class ArgsExpandingTerm extends Term {
    private final TermSpec spec;

    ArgsExpandingTerm(TermSpec spec, Term[] args, Map<String, Term> optargs) {
        super(spec.type(), args, optargs);
        this.spec = spec;
    }

    @Override
    public Object eval(Env env) {
        if (type == TermType.ORDER_BY) {
            // order_by reads its r.asc/r.desc wrappers from the unexpanded terms, so RethinkDB refuses r.args there.
            throw new ReqlQueryLogicError("r.args is not supported in an order_by or union command yet.");
        }
        List<Term> expanded = new ArrayList<>(args.length);
        for (int i = 0; i < args.length; i++) {
            if (args[i].type() == TermType.ARGS) {
                Datum d = datumArg(env, i);
                int index = i;
                ArrayDatum array = inArg(index, () -> (ArrayDatum) Values.expect(d, io.reqldb.datum.DatumType.ARRAY));
                for (Datum item : array.items()) {
                    expanded.add(DatumTerm.expandedFrom(item, args[index]));
                }
            } else {
                expanded.add(args[i]);
            }
        }
        if (!spec.acceptsCount(expanded.size())) {
            throw new ReqlQueryLogicError("Expected " + spec.describeArity() + " but found " + expanded.size() + ".");
        }
        Term built = spec.factory().create(type, expanded.toArray(new Term[0]), optargs);
        if (spec.groupable() && !expanded.isEmpty()) {
            built = new GroupAwareTerm(built);
        }
        try {
            return built.eval(env);
        } catch (ReqlError e) {
            throw e;
        }
    }
}
