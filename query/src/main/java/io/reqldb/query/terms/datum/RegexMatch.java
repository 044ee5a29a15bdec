package io.reqldb.query.terms.datum;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.NullDatum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.eval.Values;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code str.match(re)} with RE2 semantics (RE2/J): the first match as
 * {@code {str, start, end, groups}} with UTF-8 byte offsets as RethinkDB reports them, or null.
 * Compiled patterns are cached; error messages use RE2's C++ wording.
 */
public final class RegexMatch {
    private static final int CACHE_LIMIT = 1000;
    private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

    /** RE2/J (Go) error texts mapped to the C++ RE2 texts RethinkDB reports. */
    private static final Map<String, String> RE2_TEXTS = Map.ofEntries(
            Map.entry("missing closing ]", "missing ]"),
            Map.entry("missing closing )", "missing )"),
            Map.entry("unexpected )", "unexpected )"),
            Map.entry("trailing backslash at end of expression", "trailing \\"),
            Map.entry("missing argument to repetition operator", "no argument for repetition operator"),
            Map.entry("invalid repeat count", "invalid repetition size"),
            Map.entry("invalid nested repetition operator", "bad repetition operator"),
            Map.entry("invalid or unsupported Perl syntax", "invalid perl operator"),
            Map.entry("invalid named capture", "invalid named capture group"));

    private RegexMatch() {
    }

    /** The match of {@code re} in {@code str}; more than {@code arrayLimit} groups fail, as in RethinkDB. */
    public static Datum match(String str, String re, int arrayLimit) {
        Pattern p = compile(re);
        byte[] bytes = str.getBytes(StandardCharsets.UTF_8);
        Matcher m = p.matcher(bytes);
        if (!m.find()) {
            return NullDatum.INSTANCE;
        }
        if (m.groupCount() > arrayLimit) {
            throw Values.arrayLimit(arrayLimit);
        }
        TreeMap<String, Datum> out = group(bytes, m.start(), m.end());
        List<Datum> groups = new ArrayList<>(m.groupCount());
        for (int i = 1; i <= m.groupCount(); i++) {
            groups.add(m.start(i) < 0 ? NullDatum.INSTANCE : ObjectDatum.wrap(group(bytes, m.start(i), m.end(i))));
        }
        out.put("groups", ArrayDatum.wrap(groups));
        return ObjectDatum.wrap(out);
    }

    private static TreeMap<String, Datum> group(byte[] bytes, int start, int end) {
        TreeMap<String, Datum> g = ObjectDatum.newFieldMap();
        g.put("str", new StringDatum(new String(bytes, start, end - start, StandardCharsets.UTF_8)));
        g.put("start", NumberDatum.of(start));
        g.put("end", NumberDatum.of(end));
        return g;
    }

    private static Pattern compile(String re) {
        Pattern p = CACHE.get(re);
        if (p != null) {
            return p;
        }
        try {
            p = Pattern.compile(re);
        } catch (PatternSyntaxException e) {
            String text = RE2_TEXTS.getOrDefault(e.getDescription(), e.getDescription());
            String portion = e.getPattern();
            throw new ReqlQueryLogicError("Error in regexp `" + re + "` (portion `" + portion + "`): "
                    + text + ": " + portion);
        }
        if (CACHE.size() >= CACHE_LIMIT) {
            CACHE.clear();
        }
        CACHE.put(re, p);
        return p;
    }
}
