package io.reqldb.query.terms.time;

import io.reqldb.query.error.ReqlQueryLogicError;

/**
 * Time zone offsets as RethinkDB accepts them: {@code +hh:mm}, {@code -hh:mm}, {@code +hhmm},
 * {@code -hhmm}, {@code +hh}, {@code -hh} and {@code Z}, normalized to {@code ±hh:mm}. The error
 * texts are RethinkDB 2.4's, including its quirk of reporting a too-short string of any kind as an
 * invalid time zone string.
 */
public final class TimeZones {
    private TimeZones() {
    }

    /** The normalized {@code ±hh:mm} form of {@code s}, or a query logic error. */
    public static String normalize(String s) {
        if (s.equals("-00") || s.equals("-00:00")) {
            throw new ReqlQueryLogicError("`" + s + "` is not a valid time offset.");
        }
        if (s.equals("Z")) {
            return "+00:00";
        }
        Cursor c = new Cursor(s);
        StringBuilder out = new StringBuilder();
        if (!(c.optional('-', out, false) || c.optional('+', out, false))) {
            throw new ReqlQueryLogicError("Timezone `" + s + "` does not start with `-` or `+`.");
        }
        c.digits(2, out);
        if (c.atEnd()) {
            return out + ":00";
        }
        c.optional(':', out, true);
        c.digits(2, out);
        if (!c.atEnd()) {
            throw new ReqlQueryLogicError("Garbage characters `" + c.rest() + "` at end of timezone string `"
                    + s + "`.");
        }
        char h1 = out.charAt(1);
        char h2 = out.charAt(2);
        if (!(((h1 == '0' || h1 == '1') && isDigit(h2)) || (h1 == '2' && h2 >= '0' && h2 <= '4'))) {
            throw new ReqlQueryLogicError("Hours out of range in `" + s + "`.");
        }
        char m1 = out.charAt(4);
        if (!(m1 >= '0' && m1 <= '5' && isDigit(out.charAt(5)))) {
            throw new ReqlQueryLogicError("Minutes out of range in `" + s + "`.");
        }
        return out.toString();
    }

    /** Seconds east of UTC of a normalized {@code ±hh:mm} offset. */
    public static int offsetSeconds(String normalized) {
        int sign = normalized.charAt(0) == '-' ? -1 : 1;
        int hours = Integer.parseInt(normalized.substring(1, 3));
        int minutes = Integer.parseInt(normalized.substring(4, 6));
        return sign * (hours * 3600 + minutes * 60);
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Reads a date, time or zone string the way RethinkDB's ISO 8601 sanitizer does. */
    static final class Cursor {
        private final String s;
        private int at;

        Cursor(String s) {
            this.s = s;
        }

        boolean atEnd() {
            return at >= s.length();
        }

        int remaining() {
            return s.length() - at;
        }

        String rest() {
            return s.substring(Math.min(at, s.length()));
        }

        /** Copies {@code n} mandatory digits to {@code out} (null: skips them). */
        void digits(int n, StringBuilder out) {
            for (int i = 0; i < n; i++) {
                if (at >= s.length()) {
                    throw new ReqlQueryLogicError("Invalid time zone string `" + s + "`. Valid time zones are "
                            + "`+hh:mm`, `-hh:mm`, `+hhmm`, `-hhmm`, `+hh`, `-hh` and `Z`.");
                }
                char c = s.charAt(at++);
                if (!isDigit(c)) {
                    throw new ReqlQueryLogicError("Invalid date string `" + s + "` (got `" + c
                            + "` but expected a digit).");
                }
                if (out != null) {
                    out.append(c);
                }
            }
        }

        /**
         * Consumes {@code c} when it comes next and copies it to {@code out}; when it does not come,
         * still writes it to {@code out} if {@code includeAnyway}. Returns whether it was consumed.
         */
        boolean optional(char c, StringBuilder out, boolean includeAnyway) {
            if (at < s.length() && s.charAt(at) == c) {
                at++;
                out.append(c);
                return true;
            }
            if (includeAnyway) {
                out.append(c);
            }
            return false;
        }
    }
}
