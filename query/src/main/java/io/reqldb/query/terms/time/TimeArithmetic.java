package io.reqldb.query.terms.time;

import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumType;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.TimeDatum;
import io.reqldb.query.eval.Values;

/**
 * Time arithmetic for the {@code ADD} and {@code SUB} terms: a time plus or minus a number of
 * seconds is a time in the same zone, a time minus a time is a number of seconds; every result is
 * rounded to the millisecond, as RethinkDB 2.4 does.
 */
public final class TimeArithmetic {
    private TimeArithmetic() {
    }

    /** {@code time + seconds}. */
    public static TimeDatum add(TimeDatum time, double seconds) {
        return TimeMath.time(time.epochSeconds() + seconds, time.timezone());
    }

    /** {@code time - seconds}. */
    public static TimeDatum subtract(TimeDatum time, double seconds) {
        return TimeMath.time(time.epochSeconds() - seconds, time.timezone());
    }

    /** {@code time - time}: seconds between them. */
    public static double subtract(TimeDatum time, TimeDatum other) {
        return TimeMath.roundMillis(time.epochSeconds() - other.epochSeconds());
    }

    /**
     * {@code lhs + rhs} where at least one side is a time; the other must be a number
     * ("Expected type NUMBER but found PTYPE<TIME>." for two times, as in RethinkDB).
     */
    public static Datum add(Datum lhs, Datum rhs) {
        if (lhs instanceof TimeDatum t) {
            return add(t, ((NumberDatum) Values.expect(rhs, DatumType.NUMBER)).value());
        }
        return add((TimeDatum) rhs, ((NumberDatum) Values.expect(lhs, DatumType.NUMBER)).value());
    }

    /** {@code time - x} where {@code x} is a time or a number. */
    public static Datum subtract(TimeDatum lhs, Datum rhs) {
        if (rhs instanceof TimeDatum t) {
            return NumberDatum.of(subtract(lhs, t));
        }
        return subtract(lhs, ((NumberDatum) Values.expect(rhs, DatumType.NUMBER)).value());
    }
}
