package io.reqldb.query.terms.seq;

import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumType;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.Sequence;
import io.reqldb.query.term.Term;
import io.reqldb.query.term.TermType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code r.union(seqs..., {interleave})}: by default the sequences one after another; with
 * {@code interleave: false} the same in argument order; with a field, function, {@code r.desc} or
 * an array of them, a merge of already ordered inputs by those keys.
 */
public final class UnionTerm {
    private UnionTerm() {
    }

    public static Object eval(Term t, Env env) {
        List<Sequence> seqs = new ArrayList<>();
        boolean allArrays = true;
        for (int i = 0; i < t.argCount(); i++) {
            Sequence s = t.seqArg(env, i);
            seqs.add(s);
            allArrays &= s.isArray();
        }
        Ordering ordering = null;
        Term raw = t.rawOptarg("interleave");
        if (raw != null) {
            if (raw.type() == TermType.MAKE_ARRAY) {
                ordering = t.inOptarg("interleave", () -> Ordering.of(raw, env, 0));
            } else {
                Object v = t.optarg(env, "interleave");
                if (!(v instanceof Datum d && d.type() == DatumType.BOOL)) {
                    ordering = t.inOptarg("interleave", () -> Ordering.single(raw, v));
                }
            }
        }
        if (ordering == null) {
            return Streams.result(Streams.concat(seqs, allArrays), env);
        }
        for (Sequence s : seqs) {
            if (s.isInfinite()) {
                throw new ReqlQueryLogicError("Cannot use an infinite stream with an ordered `union`.");
            }
        }
        Ordering o = ordering;
        Comparator<Ordering.Keyed> cmp = o.comparator();
        Ordering.Keyed[] heads = new Ordering.Keyed[seqs.size()];
        boolean[] started = {false};
        Sequence out = Streams.generate(() -> {
            if (!started[0]) {
                started[0] = true;
                for (int i = 0; i < heads.length; i++) {
                    heads[i] = pull(seqs.get(i), o, t);
                }
            }
            int best = -1;
            for (int i = 0; i < heads.length; i++) {
                if (heads[i] != null && (best < 0 || cmp.compare(heads[i], heads[best]) < 0)) {
                    best = i;
                }
            }
            if (best < 0) {
                return null;
            }
            Ordering.Keyed taken = heads[best];
            heads[best] = pull(seqs.get(best), o, t);
            if (heads[best] != null && cmp.compare(heads[best], taken) < 0) {
                throw new ReqlQueryLogicError("The streams given as arguments are not ordered by given ordering.");
            }
            return taken.row();
        }, () -> seqs.forEach(Sequence::close), allArrays);
        return Streams.result(out, env);
    }

    private static Ordering.Keyed pull(Sequence s, Ordering o, Term t) {
        Datum d = s.next();
        return d == null ? null : t.inOptarg("interleave", () -> o.keyed(d));
    }
}
