package io.reqldb.query.terms.seq;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.BinaryDatum;
import io.reqldb.datum.BoolDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumPrinter;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.GroupedData;
import io.reqldb.query.eval.Sequence;
import io.reqldb.query.eval.SingleSelection;
import io.reqldb.query.eval.Values;
import io.reqldb.query.term.Term;
import io.reqldb.query.term.TermRegistry;
import io.reqldb.query.term.TermType;
import io.reqldb.query.terms.datum.Nth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/** Positional sequence terms: limit, skip, slice, nth, is_empty, sample, offsets_of, contains. */
public final class SliceTerms {
    private SliceTerms() {
    }

    public static void register(TermRegistry r) {
        // Grouped data is handled in limit: the first argument is not evaluated up front when
        // it is an order_by whose first rows are all that is needed (OrderedLimit).
        r.term(TermType.LIMIT).args(2).notGroupable().body(SliceTerms::limit);
        r.term(TermType.SKIP).args(2).body(SliceTerms::skip);
        r.term(TermType.SLICE).args(2, 3).optargs("left_bound", "right_bound").body(SliceTerms::slice);
        r.term(TermType.NTH).args(2).body((t, env) -> Nth.of(t, t.arg(env, 0), t.intArg(env, 1)));
        r.term(TermType.IS_EMPTY).args(1).body((t, env) -> {
            try (Sequence s = t.seqArg(env, 0)) {
                return BoolDatum.of(s.next() == null);
            }
        });
        r.term(TermType.SAMPLE).args(2).body(SliceTerms::sample);
        r.term(TermType.OFFSETS_OF).args(2).body(SliceTerms::offsetsOf);
        r.term(TermType.CONTAINS).args(1, -1).body(SliceTerms::contains);
    }

    private static Object limit(Term t, Env env) {
        Object ordered = OrderedLimit.of(t, env);
        Object first = ordered != null ? ordered : t.arg(env, 0);
        if (first instanceof GroupedData grouped) {
            return grouped.eachGroup(group -> limitOf(t, env, group));
        }
        return limitOf(t, env, first);
    }

    private static Object limitOf(Term t, Env env, Object first) {
        Sequence seq = t.inArg(0, () -> Values.toSequence(first));
        long n = t.intArg(env, 1);
        if (n < 0) {
            throw new ReqlQueryLogicError("LIMIT takes a non-negative argument (got " + n + ")");
        }
        return Streams.result(Streams.slice(seq, 0, n), env);
    }

    private static Object skip(Term t, Env env) {
        Object v = t.arg(env, 0);
        long n = t.intArg(env, 1);
        return sliceValue(t, env, v, false, n, false, -1);
    }

    private static Object slice(Term t, Env env) {
        Object v = t.arg(env, 0);
        boolean leftOpen = bound(t, env, "left_bound", false);
        long l = t.intArg(env, 1);
        boolean rightOpen = t.argCount() == 3 && bound(t, env, "right_bound", true);
        long r = t.argCount() == 3 ? t.intArg(env, 2) : -1;
        return sliceValue(t, env, v, leftOpen, l, rightOpen, r);
    }

    private static boolean bound(Term t, Env env, String name, boolean dflt) {
        Datum d = t.optargDatum(env, name);
        if (d == null) {
            return dflt;
        }
        String s = t.inOptarg(name, () -> ((StringDatum) Values.expect(d, io.reqldb.datum.DatumType.STRING)).value());
        return switch (s) {
            case "open" -> true;
            case "closed" -> false;
            default -> throw new ReqlQueryLogicError("Expected `open` or `closed` for optarg `" + name
                    + "` (got `" + DatumPrinter.truncated(d) + "`).");
        };
    }

    private static Object sliceValue(Term t, Env env, Object v, boolean leftOpen, long l, boolean rightOpen, long r) {
        if (v instanceof Datum || v instanceof SingleSelection) {
            Datum d = Values.toDatum(v);
            switch (d.type()) {
                case ARRAY -> {
                    List<Datum> items = ((ArrayDatum) d).items();
                    long[] b = bounds(items.size(), leftOpen, l, rightOpen, r);
                    if (b[0] >= b[1]) {
                        return ArrayDatum.EMPTY;
                    }
                    // A stored array may be longer than this query's limit; its slice may not.
                    if (b[1] - b[0] > env.context().arrayLimit()) {
                        throw Values.arrayLimit(env.context().arrayLimit());
                    }
                    return ArrayDatum.copyOf(items.subList((int) b[0], (int) b[1]));
                }
                case STRING -> {
                    String s = ((StringDatum) d).value();
                    int cps = s.codePointCount(0, s.length());
                    long[] b = bounds(cps, leftOpen, l, rightOpen, r);
                    if (b[0] >= b[1]) {
                        return new StringDatum("");
                    }
                    int from = s.offsetByCodePoints(0, (int) b[0]);
                    int to = s.offsetByCodePoints(0, (int) b[1]);
                    return new StringDatum(s.substring(from, to));
                }
                case BINARY -> {
                    byte[] bytes = ((BinaryDatum) d).bytes();
                    long[] b = bounds(bytes.length, leftOpen, l, rightOpen, r);
                    return BinaryDatum.wrap(b[0] >= b[1] ? new byte[0]
                            : java.util.Arrays.copyOfRange(bytes, (int) b[0], (int) b[1]));
                }
                default -> throw new ReqlQueryLogicError("Expected ARRAY, BINARY, or STRING, but found "
                        + d.typeName() + ".");
            }
        }
        Sequence seq = t.inArg(0, () -> Values.toSequence(v));
        if (l < 0) {
            throw new ReqlQueryLogicError("Cannot use a negative left index on a stream.");
        }
        long realL = leftOpen ? l + 1 : l;
        long realR;
        if (r < -1) {
            throw new ReqlQueryLogicError("Cannot use a right index < -1 on a stream.");
        } else if (r == -1) {
            if (rightOpen) {
                throw new ReqlQueryLogicError("Cannot slice to an open right index of -1 on a stream.");
            }
            realR = Long.MAX_VALUE;
        } else {
            realR = rightOpen ? r : r + 1;
        }
        long take = realR == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, realR - realL);
        return Streams.result(Streams.slice(seq, realL, take), env);
    }

    /** RethinkDB's canonicalization of possibly negative bounds over {@code size} elements. */
    private static long[] bounds(long size, boolean leftOpen, long l, boolean rightOpen, long r) {
        long realL = canon(size, l, leftOpen, true);
        long realR = canon(size, r, rightOpen, false);
        return new long[] {Math.min(realL, size), Math.min(Math.max(realR, 0), size)};
    }

    private static long canon(long size, long index, boolean open, boolean isLeft) {
        boolean oob = false;
        long real;
        if (index >= 0) {
            real = index;
        } else if (-index > size) {
            oob = true;
            real = 0;
        } else {
            real = size + index;
        }
        if (open == isLeft && !oob) {
            real += 1;
        }
        return real;
    }

    private static Object sample(Term t, Env env) {
        long n = t.intArg(env, 1);
        if (n < 0) {
            throw new ReqlQueryLogicError("Number of items to sample must be non-negative, got `" + n + "`.");
        }
        int limit = env.context().arrayLimit();
        if (n > limit) {
            throw Values.arrayLimit(limit);
        }
        Sequence seq = t.seqArg(env, 0);
        if (seq.isInfinite()) {
            throw Values.infiniteError(seq);
        }
        List<Datum> result = new ArrayList<>();
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        long seen = 0;
        try (seq) {
            for (Datum d = seq.next(); d != null; d = seq.next()) {
                seen++;
                if (result.size() < n) {
                    result.add(d);
                } else {
                    long j = rnd.nextLong(seen);
                    if (j < n) {
                        result.set((int) j, d);
                    }
                }
            }
        }
        Collections.shuffle(result, rnd);
        if (seq.table() != null) {
            return Streams.of(result.iterator(), seq.table(), true);
        }
        return seq.isArray() ? ArrayDatum.wrap(result) : Streams.of(result.iterator(), null, false);
    }

    private static Object offsetsOf(Term t, Env env) {
        Sequence seq = t.seqArg(env, 0);
        Predicate<Datum> p = Funcs.equalityOrPredicate(t.arg(env, 1));
        long[] index = {0};
        Sequence out = Streams.generate(() -> {
            for (Datum d0 = seq.next(); d0 != null; d0 = seq.next()) {
                long i = index[0]++;
                Datum d = d0;
                if (t.inArg(1, () -> p.test(d))) {
                    return NumberDatum.of(i);
                }
            }
            return null;
        }, seq::close, seq.isArray(), seq.isInfinite());
        return Streams.result(out, env);
    }

    private static Object contains(Term t, Env env) {
        Sequence seq = t.seqArg(env, 0);
        List<Datum> values = new ArrayList<>();
        List<Predicate<Datum>> preds = new ArrayList<>();
        for (int i = 1; i < t.argCount(); i++) {
            Object v = t.arg(env, i);
            if (v instanceof io.reqldb.query.eval.FuncValue f && !f.isConstant()) {
                preds.add(row -> Funcs.test(f, row));
            } else {
                values.add(t.datumArg(env, i));
            }
        }
        if (seq.isInfinite()) {
            throw Values.infiniteError(seq);
        }
        try (seq) {
            for (Datum el = seq.next(); el != null; el = seq.next()) {
                values.remove(el);
                for (int i = 0; i < preds.size(); i++) {
                    if (preds.get(i).test(el)) {
                        preds.remove(i);
                        break;
                    }
                }
                if (values.isEmpty() && preds.isEmpty()) {
                    return BoolDatum.TRUE;
                }
            }
        }
        return BoolDatum.FALSE;
    }
}
