package io.reqldb.query.terms.datum;

import io.reqldb.datum.Datum;
import io.reqldb.datum.TimeDatum;
import io.reqldb.query.eval.Values;

/**
 * The hook ADD and SUB call when a TIME is involved ({@code r.now() + 60}, {@code t1 - t2}).
 * The time family may {@link #install} its own implementation; the default follows RethinkDB's
 * pseudo_time time_add / time_sub: time ± seconds keeps the zone, time − time is seconds.
 */
public final class TimeArithmetic {
    /** Time arithmetic operations; implementations raise RethinkDB's errors. */
    public interface Ops {
        /** One of {@code x}, {@code y} is a TIME; the other must be a NUMBER. */
        Datum add(Datum x, Datum y);

        /** {@code time} is a TIME; {@code other} a TIME or a NUMBER. */
        Datum sub(TimeDatum time, Datum other);
    }

    private static volatile Ops ops = new DefaultOps();

    private TimeArithmetic() {
    }

    /** Replaces the implementation (called by the time term family at registration). */
    public static void install(Ops implementation) {
        ops = implementation;
    }

    public static Datum add(Datum x, Datum y) {
        return ops.add(x, y);
    }

    public static Datum sub(TimeDatum time, Datum other) {
        return ops.sub(time, other);
    }

    /** RethinkDB's behaviour with millisecond rounding of the resulting epoch time. */
    private static final class DefaultOps implements Ops {
        @Override
        public Datum add(Datum x, Datum y) {
            TimeDatum time = x instanceof TimeDatum t ? t : (TimeDatum) y;
            Datum duration = x instanceof TimeDatum ? y : x;
            double seconds = Values.toNumber(duration);
            return new TimeDatum(round(Num.of(time.epochSeconds() + seconds).value()), time.timezone());
        }

        @Override
        public Datum sub(TimeDatum time, Datum other) {
            if (other instanceof TimeDatum t) {
                return Num.of(round(time.epochSeconds() - t.epochSeconds()));
            }
            double seconds = Values.toNumber(other);
            return new TimeDatum(round(Num.of(time.epochSeconds() - seconds).value()), time.timezone());
        }

        private static double round(double epoch) {
            return Math.round(epoch * 1000) / 1000.0;
        }
    }

}
