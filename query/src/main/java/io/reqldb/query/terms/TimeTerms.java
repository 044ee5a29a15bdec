package io.reqldb.query.terms;

import io.reqldb.datum.BinaryDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumPrinter;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.datum.TimeDatum;
import io.reqldb.query.error.ReqlError;
import io.reqldb.query.error.ReqlNonExistenceError;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.eval.Env;
import io.reqldb.query.term.Term;
import io.reqldb.query.term.TermFamily;
import io.reqldb.query.term.TermRegistry;
import io.reqldb.query.term.TermType;
import io.reqldb.query.terms.time.Iso8601;
import io.reqldb.query.terms.time.TimeArithmetic;
import io.reqldb.query.terms.time.TimeMath;
import io.reqldb.query.terms.time.TimeZones;
import java.util.function.ToDoubleFunction;

/**
 * Times: construction ({@code now}, {@code time}, {@code epoch_time}, {@code iso8601}), conversion,
 * zones, {@code during}, calendar portions and the day and month constants. The calendar rules live
 * in {@code terms.time}; {@code ADD}/{@code SUB} on times use {@code time.TimeArithmetic}, installed
 * into the datum family's hook at registration.
 */
public final class TimeTerms implements TermFamily {
    private static final TermType[] DAYS = {TermType.MONDAY, TermType.TUESDAY, TermType.WEDNESDAY,
        TermType.THURSDAY, TermType.FRIDAY, TermType.SATURDAY, TermType.SUNDAY};
    private static final TermType[] MONTHS = {TermType.JANUARY, TermType.FEBRUARY, TermType.MARCH,
        TermType.APRIL, TermType.MAY, TermType.JUNE, TermType.JULY, TermType.AUGUST, TermType.SEPTEMBER,
        TermType.OCTOBER, TermType.NOVEMBER, TermType.DECEMBER};

    @Override
    public void register(TermRegistry r) {
        r.term(TermType.NOW).args(0).body((t, env) -> env.context().now());
        r.term(TermType.TIME).args(4, 7).body(TimeTerms::time);
        r.term(TermType.EPOCH_TIME).args(1).body((t, env) -> TimeMath.time(t.numberArg(env, 0), TimeDatum.UTC));
        r.term(TermType.ISO8601).args(1).optargs("default_timezone").body((t, env) -> {
            String tz = t.optargString(env, "default_timezone", "");
            String s = t.stringArg(env, 0);
            return t.inArg(0, () -> Iso8601.parse(s, tz));
        });
        r.term(TermType.TO_ISO8601).args(1).body((t, env) -> new StringDatum(Iso8601.format(timeArg(t, env, 0))));
        r.term(TermType.TO_EPOCH_TIME).args(1).body((t, env) -> NumberDatum.of(timeArg(t, env, 0).epochSeconds()));
        r.term(TermType.IN_TIMEZONE).args(2).body((t, env) -> {
            TimeDatum time = timeArg(t, env, 0);
            return new TimeDatum(time.epochSeconds(), TimeZones.normalize(t.stringArg(env, 1)));
        });
        r.term(TermType.TIMEZONE).args(1).body((t, env) -> new StringDatum(timeArg(t, env, 0).timezone()));
        r.term(TermType.DURING).args(3).optargs("left_bound", "right_bound").body(TimeTerms::during);
        r.term(TermType.DATE).args(1).body((t, env) -> TimeMath.date(timeArg(t, env, 0)));
        r.term(TermType.TIME_OF_DAY).args(1).body((t, env) -> NumberDatum.of(TimeMath.timeOfDay(timeArg(t, env, 0))));
        portion(r, TermType.YEAR, l -> l.date().getYear());
        portion(r, TermType.MONTH, l -> l.date().getMonthValue());
        portion(r, TermType.DAY, l -> l.date().getDayOfMonth());
        portion(r, TermType.DAY_OF_WEEK, l -> l.date().getDayOfWeek().getValue());
        portion(r, TermType.DAY_OF_YEAR, l -> l.date().getDayOfYear());
        portion(r, TermType.HOURS, TimeMath.Local::hours);
        portion(r, TermType.MINUTES, TimeMath.Local::minutes);
        r.term(TermType.SECONDS).args(1).body((t, env) -> NumberDatum.of(TimeMath.seconds(timeArg(t, env, 0))));
        for (int i = 0; i < DAYS.length; i++) {
            constant(r, DAYS[i], i + 1);
        }
        for (int i = 0; i < MONTHS.length; i++) {
            constant(r, MONTHS[i], i + 1);
        }
    }

    private static void portion(TermRegistry r, TermType type, ToDoubleFunction<TimeMath.Local> field) {
        r.term(type).args(1).body((t, env) -> NumberDatum.of(field.applyAsDouble(TimeMath.local(timeArg(t, env, 0)))));
    }

    private static void constant(TermRegistry r, TermType type, int value) {
        NumberDatum n = NumberDatum.of(value);
        r.term(type).args(0).body((t, env) -> n);
    }

    private static Object time(Term t, Env env) {
        int n = t.argCount();
        if (n != 4 && n != 7) {
            throw new ReqlQueryLogicError("Got " + n + " arguments to TIME (expected 4 or 7).");
        }
        long year = t.intArg(env, 0);
        long month = t.intArg(env, 1);
        long day = t.intArg(env, 2);
        long hours = 0;
        long minutes = 0;
        double seconds = 0;
        String tz;
        if (n == 4) {
            tz = t.stringArg(env, 3);
        } else {
            hours = t.intArg(env, 3);
            minutes = t.intArg(env, 4);
            seconds = t.numberArg(env, 5);
            tz = t.stringArg(env, 6);
        }
        return TimeMath.make(year, month, day, hours, minutes, seconds, tz);
    }

    private static Object during(Term t, Env env) {
        double time = timeArg(t, env, 0).epochSeconds();
        double left = timeArg(t, env, 1).epochSeconds();
        double right = timeArg(t, env, 2).epochSeconds();
        boolean leftOpen = openBound(t, env, "left_bound", false);
        boolean rightOpen = openBound(t, env, "right_bound", true);
        int lcmp = Double.compare(left, time);
        int rcmp = Double.compare(time, right);
        return Datum.of(!(lcmp > 0 || (lcmp == 0 && leftOpen) || rcmp > 0 || (rcmp == 0 && rightOpen)));
    }

    /** A {@code left_bound}/{@code right_bound} optarg: true for "open". */
    public static boolean openBound(Term t, Env env, String name, boolean defaultOpen) {
        Datum d = t.optargDatum(env, name);
        if (d == null) {
            return defaultOpen;
        }
        String s = t.optargString(env, name, null);
        if (s.equals("open")) {
            return true;
        }
        if (s.equals("closed")) {
            return false;
        }
        throw new ReqlQueryLogicError("Expected `open` or `closed` for optarg `" + name + "` (got `"
                + DatumPrinter.truncated(d) + "`).");
    }

    /** Argument {@code i} as a time: "Not a TIME pseudotype: `1`." for anything else. */
    public static TimeDatum timeArg(Term t, Env env, int i) {
        Datum d = t.datumArg(env, i);
        if (d instanceof TimeDatum time) {
            return time;
        }
        ReqlError e;
        if (d instanceof BinaryDatum) {
            e = new ReqlQueryLogicError("Expected type OBJECT but found PTYPE<BINARY>.");
        } else if (d instanceof ObjectDatum o && o.reqlType() != null) {
            e = new ReqlNonExistenceError("No attribute `epoch_time` in object:\n" + DatumPrinter.print(o));
        } else {
            e = new ReqlQueryLogicError("Not a TIME pseudotype: `" + DatumPrinter.truncated(d) + "`.");
        }
        throw e.addFrame(i);
    }
}
