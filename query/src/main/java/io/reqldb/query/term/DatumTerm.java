package io.reqldb.query.term;

import io.reqldb.datum.Datum;
import io.reqldb.query.eval.Env;
import java.util.Map;

/** A literal value. */
public final class DatumTerm extends Term {
    private static final Term[] NO_ARGS = new Term[0];
    private final Datum value;

    public DatumTerm(Datum value) {
        super(TermType.DATUM, NO_ARGS, Map.of());
        this.value = value;
    }

    public Datum value() {
        return value;
    }

    @Override
    public boolean isConstant() {
        return true;
    }

    @Override
    public Object eval(Env env) {
        return value;
    }
}
