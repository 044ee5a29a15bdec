package io.reqldb.query.terms.datum;

import io.reqldb.datum.Datum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.eval.Values;

/** Number results as RethinkDB builds them: a non-finite result is an error, never a value. */
public final class Num {
    private Num() {
    }

    /** The number as a datum: "Non-finite number: inf" for infinities and NaN. */
    public static NumberDatum of(double v) {
        if (!Double.isFinite(v)) {
            throw new ReqlQueryLogicError("Non-finite number: " + Values.formatG20(v));
        }
        return NumberDatum.of(v);
    }

    /** The value of a NUMBER datum, with RethinkDB's type error otherwise. */
    public static double value(Datum d) {
        return Values.toNumber(d);
    }
}
