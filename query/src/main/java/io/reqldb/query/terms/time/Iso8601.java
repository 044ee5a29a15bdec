package io.reqldb.query.terms.time;

import io.reqldb.datum.TimeDatum;
import io.reqldb.query.error.ReqlQueryLogicError;
import java.time.LocalDate;

/**
 * ISO 8601 reading and writing as RethinkDB 2.4 does it. Reading accepts calendar dates
 * ({@code YYYY}, {@code YYYY-MM}, {@code YYYY-MM-DD}, {@code YYYYMMDD}), ordinal dates
 * ({@code YYYY-DDD}, {@code YYYYDDD}), an optional time ({@code hh}, {@code hh:mm}, {@code hhmm},
 * {@code hh:mm:ss[.f]}, {@code hhmmss[.f]}) and a zone; week dates are recognized and refused.
 * Writing gives {@code YYYY-MM-DDThh:mm:ss[.mmm]±hh:mm}.
 */
public final class Iso8601 {
    private enum DateFormat { MONTH_DAY, WEEK, DAY_COUNT }

    private Iso8601() {
    }

    /** Parses {@code s}; {@code defaultTz} ("" for none) applies when the string has no zone. */
    public static TimeDatum parse(String s, String defaultTz) {
        int tloc = s.indexOf('T');
        DateFormat[] format = new DateFormat[1];
        String date = sanitizeDate(tloc < 0 ? s : s.substring(0, tloc), format);
        String time = "00:00:00.000";
        String tz = null;
        if (tloc >= 0) {
            int start = tloc + 1;
            int sign = s.indexOf('-', start);
            if (sign < 0) {
                sign = s.indexOf('+', start);
            }
            if (sign < 0) {
                sign = s.indexOf('Z', start);
            }
            time = sanitizeTime(sign < 0 ? s.substring(start) : s.substring(start, sign));
            if (sign >= 0) {
                tz = TimeZones.normalize(s.substring(sign));
            }
        }
        if (format[0] == DateFormat.WEEK) {
            throw new ReqlQueryLogicError("Due to limitations in the boost time library we use for parsing, "
                    + "we cannot support ISO week dates right now.  Sorry about that!  Please use years, "
                    + "calendar dates, or ordinal dates instead.");
        }
        if (tz == null) {
            tz = defaultZone(defaultTz);
        }
        LocalDate day = format[0] == DateFormat.DAY_COUNT ? ordinalDate(date) : calendarDate(date);
        long local = day.toEpochDay() * TimeMath.MICROS_PER_DAY + timeMicros(time);
        return TimeMath.fromLocalMicros(local, tz);
    }

    private static String defaultZone(String defaultTz) {
        if (defaultTz.isEmpty()) {
            throw new ReqlQueryLogicError("ISO 8601 string has no time zone, and no default time zone was provided.");
        }
        try {
            return TimeZones.normalize(defaultTz);
        } catch (ReqlQueryLogicError e) {
            throw new ReqlQueryLogicError("Invalid ISO 8601 timezone: `" + defaultTz + "`.");
        }
    }

    private static LocalDate calendarDate(String d) {
        return TimeMath.date(Long.parseLong(d.substring(0, 4)), Long.parseLong(d.substring(5, 7)),
                Long.parseLong(d.substring(8, 10)));
    }

    private static LocalDate ordinalDate(String d) {
        long year = Long.parseLong(d.substring(0, 4));
        long dayOfYear = Long.parseLong(d.substring(5, 8));
        if (dayOfYear < 1 || dayOfYear > 366) {
            throw TimeMath.logic("Day of year value is out of range 1..366");
        }
        TimeMath.checkYear(year);
        return LocalDate.of((int) year, 1, 1).plusDays(dayOfYear - 1);
    }

    /** Microseconds of a sanitized {@code hh:mm:ss.f...} (fraction cut to microseconds, as Boost does). */
    private static long timeMicros(String t) {
        long hours = Long.parseLong(t.substring(0, 2));
        long minutes = Long.parseLong(t.substring(3, 5));
        long seconds = Long.parseLong(t.substring(6, 8));
        String frac = t.length() > 9 ? t.substring(9) : "";
        frac = frac.length() > 6 ? frac.substring(0, 6) : frac + "0".repeat(6 - frac.length());
        return ((hours * 60 + minutes) * 60 + seconds) * TimeMath.MICROS_PER_SECOND + Long.parseLong(frac);
    }

    private static String sanitizeDate(String s, DateFormat[] format) {
        TimeZones.Cursor c = new TimeZones.Cursor(s);
        StringBuilder out = new StringBuilder();
        c.digits(4, out);
        if (c.atEnd()) {
            format[0] = DateFormat.MONTH_DAY;
            return out + "-01-01";
        }
        boolean firstHyphen = c.optional('-', out, true);
        if (c.optional('W', out, false)) {
            format[0] = DateFormat.WEEK;
            c.digits(2, out);
            if (c.atEnd()) {
                return out + "-1";
            }
            c.optional('-', out, true);
            c.digits(1, out);
        } else if (c.remaining() == 3) {
            format[0] = DateFormat.DAY_COUNT;
            c.digits(3, out);
        } else {
            format[0] = DateFormat.MONTH_DAY;
            c.digits(2, out);
            if (firstHyphen && c.atEnd()) {
                return out + "-01";
            }
            boolean secondHyphen = c.optional('-', out, true);
            if (firstHyphen != secondHyphen) {
                throw new ReqlQueryLogicError("Date string `" + s + "` must have 0 or 2 hyphens.");
            }
            c.digits(2, out);
        }
        if (!c.atEnd()) {
            throw new ReqlQueryLogicError("Garbage characters `" + c.rest() + "` at end of date string `" + s + "`.");
        }
        return out.toString();
    }

    private static String sanitizeTime(String s) {
        TimeZones.Cursor c = new TimeZones.Cursor(s);
        StringBuilder out = new StringBuilder();
        c.digits(2, out);
        if (c.atEnd()) {
            return out + ":00:00.000";
        }
        boolean firstColon = c.optional(':', out, true);
        c.digits(2, out);
        if (c.atEnd()) {
            return out + ":00.000";
        }
        boolean secondColon = c.optional(':', out, true);
        if (firstColon != secondColon) {
            throw new ReqlQueryLogicError("Time string `" + s + "` must have 0 or 2 colons.");
        }
        c.digits(2, out);
        if (c.optional('.', out, true)) {
            while (!c.atEnd()) {
                c.digits(1, out);
            }
        } else {
            out.append("000");
        }
        if (!c.atEnd()) {
            throw new ReqlQueryLogicError("Garbage characters `" + c.rest() + "` at end of time string `" + s + "`.");
        }
        return out.toString();
    }

    /** {@code to_iso8601}: milliseconds shown only when the time has a fraction of a second. */
    public static String format(TimeDatum t) {
        TimeMath.Local l = TimeMath.local(t);
        int year = l.date().getYear();
        if (year < 0 || year > 9999) {
            throw new ReqlQueryLogicError("Year `" + year + "` out of valid ISO 8601 range [0, 9999].");
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(java.util.Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02d", year, l.date().getMonthValue(),
                l.date().getDayOfMonth(), l.hours(), l.minutes(), l.seconds()));
        if (l.microOfSecond() != 0) {
            out.append('.').append(String.format(java.util.Locale.ROOT, "%06d", l.microOfSecond()), 0, 3);
        }
        return out.append(t.timezone()).toString();
    }
}
