package io.reqldb.query.terms;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.NullDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.datum.DatumType;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.Values;
import io.reqldb.query.term.Term;
import io.reqldb.query.term.TermFamily;
import io.reqldb.query.term.TermRegistry;
import io.reqldb.query.term.TermType;
import io.reqldb.query.terms.datum.RegexMatch;
import io.reqldb.query.terms.datum.Split;
import java.util.List;

/** String terms: MATCH (RE2), SPLIT, UPCASE, DOWNCASE; {@link #codePointCount} for COUNT. */
public final class StringTerms implements TermFamily {
    @Override
    public void register(TermRegistry r) {
        r.term(TermType.MATCH).args(2).body((t, env) -> RegexMatch.match(t.stringArg(env, 0), t.stringArg(env, 1),
                env.context().arrayLimit()));
        r.term(TermType.SPLIT).args(1, 3).body(StringTerms::split);
        r.term(TermType.UPCASE).args(1).body((t, env) -> new StringDatum(asciiCase(t.stringArg(env, 0), true)));
        r.term(TermType.DOWNCASE).args(1).body((t, env) -> new StringDatum(asciiCase(t.stringArg(env, 0), false)));
    }

    /** {@code r.expr("abc").count()}: the number of Unicode code points. */
    public static long codePointCount(String s) {
        return s.codePointCount(0, s.length());
    }

    /** RethinkDB changes case byte-wise in the C locale: only ASCII letters change. */
    static String asciiCase(String s, boolean upper) {
        char[] out = s.toCharArray();
        for (int i = 0; i < out.length; i++) {
            char c = out[i];
            if (upper && c >= 'a' && c <= 'z') {
                out[i] = (char) (c - 32);
            } else if (!upper && c >= 'A' && c <= 'Z') {
                out[i] = (char) (c + 32);
            }
        }
        return new String(out);
    }

    private static Object split(Term t, Env env) {
        String s = t.stringArg(env, 0);
        String delim = null;
        if (t.argCount() > 1) {
            Datum d = t.datumArg(env, 1);
            if (d != NullDatum.INSTANCE) {
                delim = t.inArg(1, () -> ((StringDatum) Values.expect(d, DatumType.STRING)).value());
            }
        }
        long max = -1;
        if (t.argCount() > 2) {
            max = t.intArg(env, 2);
            long limit = env.context().arrayLimit();
            if (max < -1 || max > limit - 1) {
                throw new ReqlQueryLogicError("Error: `split` size argument must be in range [-1, " + (limit - 1) + "].");
            }
        }
        List<Datum> parts = Split.split(s, delim, max);
        if (parts.size() > env.context().arrayLimit()) {
            throw Values.arrayLimit(env.context().arrayLimit());
        }
        return ArrayDatum.wrap(parts);
    }
}
