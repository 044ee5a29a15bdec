package io.reqldb.query.term;

import io.reqldb.datum.Datum;
import io.reqldb.query.eval.Env;
import java.util.Map;

/** A literal value. */
public final class DatumTerm extends Term {
    private static final Term[] NO_ARGS = new Term[0];
    private final Datum value;
    private final Term origin;

    public DatumTerm(Datum value) {
        this(value, null);
    }

    private DatumTerm(Datum value, Term origin) {
        super(TermType.DATUM, NO_ARGS, Map.of());
        this.value = value;
        this.origin = origin;
    }

    /**
     * An item of an evaluated {@code r.args}: it stands for an argument, and, as in RethinkDB, is
     * as deterministic as the whole {@code r.args} term it came from.
     */
    static DatumTerm expandedFrom(Datum value, Term argsTerm) {
        return new DatumTerm(value, argsTerm);
    }

    public Datum value() {
        return value;
    }

    /** The {@code r.args} term this value was expanded from, or Java null for a literal. */
    public Term origin() {
        return origin;
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
