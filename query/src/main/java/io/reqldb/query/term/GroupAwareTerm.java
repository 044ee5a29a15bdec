package io.reqldb.query.term;

import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.GroupedData;

/**
 * Applies a term to each group when its first argument is GROUPED_DATA, RethinkDB's rule for
 * every operation not marked otherwise ({@code r.table('t').group('a').count()} counts per group).
 * The first argument is evaluated here once and handed to the wrapped term.
 */
final class GroupAwareTerm extends Term {
    private final Term inner;

    GroupAwareTerm(Term inner) {
        super(inner.type, inner.args, inner.optargs);
        this.inner = inner;
    }

    /** The wrapped term stands at the same place: errors it anchors (see {@link #anchor}) point here. */
    @Override
    void setPath(java.util.List<Object> path) {
        super.setPath(path);
        inner.setPath(path);
    }

    @Override
    public boolean isConstant() {
        return false;
    }

    @Override
    public Object eval(Env env) {
        Object first = arg(env, 0);
        if (first instanceof GroupedData grouped) {
            return grouped.eachGroup(group -> inner.evalWithFirstArg(env, group));
        }
        return inner.evalWithFirstArg(env, first);
    }
}
