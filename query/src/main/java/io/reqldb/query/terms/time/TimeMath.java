package io.reqldb.query.terms.time;

import io.reqldb.datum.TimeDatum;
import io.reqldb.query.error.ReqlQueryLogicError;
import java.time.LocalDate;

/**
 * Calendar arithmetic on RethinkDB times, reproducing RethinkDB 2.4 (which used Boost.Date_Time):
 * epoch seconds are kept rounded to the millisecond, calendar fields are computed from the instant
 * rounded to the microsecond in the time's own offset, and calendar dates exist only for years
 * 1400 to 10000 ("Error in time logic: ..." otherwise).
 */
public final class TimeMath {
    public static final long MICROS_PER_SECOND = 1_000_000L;
    public static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;
    static final int MIN_YEAR = 1400;
    static final int MAX_YEAR = 10000;
    /** Beyond this many seconds from 1970 no instant has a representable calendar date. */
    private static final double MAX_CALENDAR_SECONDS = 1e12;

    private TimeMath() {
    }

    /** C's {@code round}: halves away from zero. */
    public static double cRound(double x) {
        if (x < 0) {
            return -cRound(-x);
        }
        double f = Math.floor(x);
        return x - f >= 0.5 ? f + 1 : f;
    }

    /** Epoch seconds as RethinkDB stores them: rounded to the millisecond. */
    public static double roundMillis(double seconds) {
        return cRound(seconds * 1000) / 1000;
    }

    /** A TIME value, its epoch seconds rounded to the millisecond. */
    public static TimeDatum time(double epochSeconds, String timezone) {
        return new TimeDatum(roundMillis(epochSeconds), timezone);
    }

    /** Whole microseconds of a seconds count, rounding as RethinkDB 2.4 does. */
    static long micros(double raw) {
        if (!(Math.abs(raw) < MAX_CALENDAR_SECONDS)) {
            throw logic(yearRangeMessage());
        }
        long sec = (long) raw;
        int sign = raw < 0 ? -1 : 1;
        long micro = (long) (raw * 1000000.0 - sec * 1000000.0 + sign * 0.5);
        return sec * MICROS_PER_SECOND + micro;
    }

    static ReqlQueryLogicError logic(String boostMessage) {
        return new ReqlQueryLogicError("Error in time logic: " + boostMessage + ".");
    }

    static String yearRangeMessage() {
        return "Year is out of valid range: " + MIN_YEAR + ".." + MAX_YEAR;
    }

    /** The local calendar date and time of day of a time, in microseconds. */
    public record Local(LocalDate date, long microOfDay) {
        public int hours() {
            return (int) (microOfDay / (3600 * MICROS_PER_SECOND));
        }

        public int minutes() {
            return (int) (microOfDay / (60 * MICROS_PER_SECOND) % 60);
        }

        public int seconds() {
            return (int) (microOfDay / MICROS_PER_SECOND % 60);
        }

        public int microOfSecond() {
            return (int) (microOfDay % MICROS_PER_SECOND);
        }
    }

    /** The time's wall-clock date and time in its own offset; fails outside years 1400..10000. */
    public static Local local(TimeDatum t) {
        long local = micros(t.epochSeconds())
                + TimeZones.offsetSeconds(TimeZones.normalize(t.timezone())) * MICROS_PER_SECOND;
        long day = Math.floorDiv(local, MICROS_PER_DAY);
        LocalDate date = LocalDate.ofEpochDay(day);
        checkYear(date.getYear());
        return new Local(date, Math.floorMod(local, MICROS_PER_DAY));
    }

    static void checkYear(long year) {
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw logic(yearRangeMessage());
        }
    }

    /** A calendar date, with Boost's checks (day first, then month, then year, as RethinkDB's build did). */
    static LocalDate date(long year, long month, long day) {
        if (day < 1 || day > 31) {
            throw logic("Day of month value is out of range 1..31");
        }
        if (month < 1 || month > 12) {
            throw logic("Month number is out of range 1..12");
        }
        checkYear(year);
        LocalDate first = LocalDate.of((int) year, (int) month, 1);
        if (day > first.lengthOfMonth()) {
            throw logic("Day of month is not valid for year");
        }
        return first.withDayOfMonth((int) day);
    }

    /** {@code r.time(...)}: a wall-clock date and time in zone {@code tz}. */
    public static TimeDatum make(long year, long month, long day, long hours, long minutes, double seconds,
                                 String tz) {
        LocalDate date = date(year, month, day);
        long local = date.toEpochDay() * MICROS_PER_DAY + hours * 3600 * MICROS_PER_SECOND
                + minutes * 60 * MICROS_PER_SECOND + micros(seconds);
        String zone = TimeZones.normalize(tz);
        return fromLocalMicros(local, zone);
    }

    static TimeDatum fromLocalMicros(long localMicros, String zone) {
        long utc = localMicros - TimeZones.offsetSeconds(TimeZones.normalize(zone)) * MICROS_PER_SECOND;
        return time(utc / 1000000.0, zone);
    }

    /** {@code date}: midnight of the time's local day, in the same zone. */
    public static TimeDatum date(TimeDatum t) {
        Local l = local(t);
        return fromLocalMicros(l.date().toEpochDay() * MICROS_PER_DAY, t.timezone());
    }

    /** {@code time_of_day}: seconds since local midnight, to the millisecond. */
    public static double timeOfDay(TimeDatum t) {
        return roundMillis(local(t).microOfDay() / 1000000.0);
    }

    /**
     * {@code seconds}: the local second of the minute plus the fraction of the epoch seconds (which,
     * as in RethinkDB, is negative for times before 1970).
     */
    public static double seconds(TimeDatum t) {
        Local l = local(t);
        double raw = t.epochSeconds();
        double frac = raw - (raw < 0 ? Math.ceil(raw) : Math.floor(raw));
        frac = cRound(frac * 1000) / 1000;
        return l.seconds() + frac;
    }
}
