package io.reqldb.query.terms.datum;

import io.reqldb.datum.Datum;
import io.reqldb.datum.StringDatum;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code str.split(delim, max)} as RethinkDB 2.1+ does it on code points: no delimiter splits on
 * runs of Unicode whitespace, the empty delimiter splits into characters (keeping combining
 * marks with their base), any other delimiter splits exactly. After {@code max} splits the rest
 * is one last piece.
 */
public final class Split {
    private Split() {
    }

    /** {@code delim} null means whitespace; {@code max} -1 means no limit. */
    public static List<Datum> split(String s, String delim, long max) {
        List<Datum> res = new ArrayList<>();
        int cur = 0;
        int end = s.length();
        while (true) {
            if (res.size() == max) {
                if (delim != null) {
                    if (!delim.isEmpty() || cur != end) {
                        res.add(new StringDatum(s.substring(cur)));
                    }
                } else {
                    int start = findNonSpace(s, cur);
                    if (start != end) {
                        res.add(new StringDatum(s.substring(start)));
                    }
                }
                return res;
            } else if (delim != null && delim.isEmpty()) {
                int next = cur < end ? cur + Character.charCount(s.codePointAt(cur)) : end;
                int withCombining = findNonCombining(s, next);
                if (cur != withCombining) {
                    res.add(new StringDatum(s.substring(cur, withCombining)));
                }
                cur = withCombining;
                if (cur == end) {
                    return res;
                }
            } else if (delim != null) {
                int next = s.indexOf(delim, cur);
                if (next < 0) {
                    res.add(new StringDatum(s.substring(cur)));
                    return res;
                }
                res.add(new StringDatum(s.substring(cur, next)));
                cur = next + delim.length();
            } else {
                int next = findSpace(s, cur);
                if (next == end) {
                    int start = findNonSpace(s, cur);
                    if (start != end) {
                        res.add(new StringDatum(s.substring(start)));
                    }
                    return res;
                }
                if (cur != next) {
                    res.add(new StringDatum(s.substring(cur, next)));
                }
                cur = next + Character.charCount(s.codePointAt(next));
            }
        }
    }

    /** RethinkDB's whitespace: ASCII 9-13 and 32, U+0085, U+00A0, U+1680, U+2000-200A, U+2028/9, U+202F, U+205F, U+3000. */
    static boolean isSpace(int c) {
        return (c >= 9 && c <= 13) || c == 32 || c == 0x85 || c == 0xA0 || c == 0x1680
                || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F
                || c == 0x205F || c == 0x3000;
    }

    static boolean isCombining(int c) {
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }

    private static int findSpace(String s, int from) {
        int i = from;
        while (i < s.length() && !isSpace(s.codePointAt(i))) {
            i += Character.charCount(s.codePointAt(i));
        }
        return i;
    }

    private static int findNonSpace(String s, int from) {
        int i = from;
        while (i < s.length() && isSpace(s.codePointAt(i))) {
            i += Character.charCount(s.codePointAt(i));
        }
        return i;
    }

    private static int findNonCombining(String s, int from) {
        int i = from;
        while (i < s.length() && isCombining(s.codePointAt(i))) {
            i += Character.charCount(s.codePointAt(i));
        }
        return i;
    }
}
