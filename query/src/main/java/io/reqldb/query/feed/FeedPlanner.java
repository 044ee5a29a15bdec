package io.reqldb.query.feed;

import io.reqldb.datum.Datum;
import io.reqldb.query.error.ReqlError;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.error.ReqlResourceLimitError;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.QueryContext;
import io.reqldb.query.eval.SingleSelection;
import io.reqldb.query.eval.TableRef;
import io.reqldb.query.eval.TableValue;
import io.reqldb.query.eval.Values;
import io.reqldb.query.term.Term;
import io.reqldb.query.term.TermType;
import io.reqldb.storage.DocumentCursor;
import io.reqldb.storage.KeyRange;
import io.reqldb.storage.StorageException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Works out what a {@code changes()} watches from the term chain under it, the way RethinkDB
 * builds a changefeed spec from a stream: row-wise steps ({@code filter}, {@code map},
 * {@code pluck}, ...) are peeled off the top, and what remains is the source: a table or index
 * range (range feed), {@code get_all}, {@code get} (point feed), or {@code order_by.limit}
 * (top-N feed). Only the source is evaluated as usual; the steps are re-run on changed rows.
 */
final class FeedPlanner {
    /** Steps applied to each row independently, which a feed can re-run on a changed row. */
    private static final Set<TermType> ROW_STEPS = EnumSet.of(TermType.MAP, TermType.FILTER, TermType.PLUCK,
            TermType.WITHOUT, TermType.MERGE, TermType.WITH_FIELDS, TermType.HAS_FIELDS, TermType.BRACKET,
            TermType.GET_FIELD);
    private static final Map<TermType, String> REFUSED = Map.of(
            TermType.CONCAT_MAP, "Cannot call `changes` after `concat_map`.",
            TermType.GROUP, "Cannot call `changes` after `group`.",
            TermType.DISTINCT, "Cannot call `changes` after `distinct`.",
            TermType.ZIP, "Cannot call `changes` after `zip`.");
    private static final String AFTER_LIMIT = "Changefeeds are not supported on queries that have a "
            + "transformation following a `limit` term.  Transformations include terms such as `filter`, "
            + "`map`, `pluck`, etc.  Consider moving the transformation before the `limit` term.";

    private final Env env;
    private final FeedOptions options;
    private final QueryContext ctx;

    FeedPlanner(Env env, FeedOptions options) {
        this.env = env;
        this.options = options;
        this.ctx = env.context();
    }

    /** Opens the feed for argument 0 of a CHANGES term. */
    Feed open(Term changes) {
        List<Term> steps = new ArrayList<>();
        Term source = peel(changes.rawArg(0), steps);
        int depth = steps.size() + 1;
        if (source.type() == TermType.LIMIT) {
            for (Term s : steps) {
                if (s.type() != TermType.FILTER) {
                    throw new ReqlQueryLogicError(AFTER_LIMIT);
                }
            }
            return topN(source, steps, depth);
        }
        RowTransform transform = new RowTransform(steps, env);
        if (source.type() == TermType.GET_ALL) {
            return getAll(source, transform, depth);
        }
        Object v = eval(source, depth);
        if (v instanceof SingleSelection s) {
            if (!steps.isEmpty()) {
                throw new ReqlQueryLogicError("Cannot call `changes` on this stream.");
            }
            refuseOffsets("point");
            return new PointFeed(s.table().storage(), ctx.store(), options, s.primaryKey());
        }
        if (v instanceof TableValue tv) {
            return range(tv, transform);
        }
        if (v instanceof Datum d && !(d instanceof io.reqldb.datum.ArrayDatum)) {
            throw Values.typeError("SEQUENCE", v);
        }
        throw new ReqlQueryLogicError("Cannot call `changes` on this stream.");
    }

    /** Peels row-wise steps off {@code t}, adding them innermost first; returns the source. */
    private static Term peel(Term t, List<Term> steps) {
        List<Term> outerFirst = new ArrayList<>();
        Term cur = t;
        while (true) {
            String refused = REFUSED.get(cur.type());
            if (refused != null) {
                throw new ReqlQueryLogicError(refused);
            }
            if (!ROW_STEPS.contains(cur.type()) || cur.argCount() == 0) {
                break;
            }
            Determinism.checkStep(cur);
            outerFirst.add(cur);
            cur = cur.rawArg(0);
        }
        Collections.reverse(outerFirst);
        steps.addAll(outerFirst);
        return cur;
    }

    /** Evaluates a source term, giving its errors the backtrace of the chain above it. */
    private Object eval(Term t, int depth) {
        try {
            return t.eval(env);
        } catch (ReqlError e) {
            for (int i = 0; i < depth; i++) {
                e.addFrame(0);
            }
            throw e;
        }
    }

    /** Offsets exist only for order_by.limit feeds (RethinkDB's wording). */
    private void refuseOffsets(String kind) {
        if (options.includeOffsets()) {
            throw new ReqlQueryLogicError("Cannot include offsets for " + kind + " subs.");
        }
    }

    private Feed range(TableValue tv, RowTransform transform) {
        refuseOffsets("range");
        TableRef ref = tv.ref();
        String index = tv.usesPrimaryIndex() ? null : tv.index();
        KeyRange range = tv.range() != null ? tv.range() : KeyRange.ALL;
        Function<Datum, List<Datum>> keys = IndexKeys.of(ref, index, ctx);
        boolean all = range.equals(KeyRange.ALL) || tv.range() == null;
        if (all && index == null && transform.isIdentity() && TableFeed.fits(options)) {
            return new TableFeed(ref.storage(), ctx.store(), options);
        }
        return new RangeFeed(ref.storage(), ctx.store(), options,
                doc -> {
                    if (all && index == null) {
                        return 1;
                    }
                    int n = 0;
                    for (Datum k : keys.apply(doc)) {
                        if (all || KeyRanges.contains(range, k)) {
                            n++;
                        }
                    }
                    return n;
                },
                transform,
                () -> open(ref, index, range, tv.descending()));
    }

    private Feed getAll(Term source, RowTransform transform, int depth) {
        refuseOffsets("range");
        TableValue tv;
        List<Datum> wanted = new ArrayList<>();
        String index;
        try {
            tv = Values.toTable(source.arg(env, 0));
            for (int i = 1; i < source.argCount(); i++) {
                wanted.add(source.datumArg(env, i));
            }
            index = source.optargString(env, "index", tv.ref().primaryKey());
        } catch (ReqlError e) {
            for (int i = 0; i < depth; i++) {
                e.addFrame(0);
            }
            throw e;
        }
        TableRef ref = tv.ref();
        String ix = index.equals(ref.primaryKey()) ? null : index;
        Function<Datum, List<Datum>> keys = IndexKeys.of(ref, ix, ctx);
        return new RangeFeed(ref.storage(), ctx.store(), options,
                doc -> {
                    int n = 0;
                    for (Datum k : keys.apply(doc)) {
                        for (Datum w : wanted) {
                            if (KeyRanges.equal(w, k)) {
                                n++;
                            }
                        }
                    }
                    return n;
                },
                transform,
                () -> new ConcatCursor(wanted, w -> open(ref, ix, KeyRange.exactly(w), false)));
    }

    private Feed topN(Term limitTerm, List<Term> afterLimit, int depth) {
        long n;
        List<Term> steps = new ArrayList<>();
        Term orderBy;
        try {
            n = limitTerm.intArg(env, 1);
            orderBy = peel(limitTerm.rawArg(0), steps);
        } catch (ReqlError e) {
            for (int i = 0; i < depth; i++) {
                e.addFrame(0);
            }
            throw e;
        }
        steps.addAll(afterLimit);
        if (n > ctx.arrayLimit()) {
            throw new ReqlResourceLimitError("Array size limit `" + ctx.arrayLimit() + "` exceeded.  "
                    + "(`.limit(X).changes()` is illegal if X is larger than the array size limit.)");
        }
        Object v = eval(orderBy, depth + 1 + (steps.size() - afterLimit.size()));
        if (!(v instanceof TableValue tv)) {
            throw new ReqlQueryLogicError("Cannot call `changes` on this stream.");
        }
        TableRef ref = tv.ref();
        String index = tv.usesPrimaryIndex() ? null : tv.index();
        return new TopNFeed(ref.storage(), ctx.store(), options, index, tv.range(), tv.descending(),
                (int) Math.max(0, n), new RowTransform(steps, env), e -> ref.translate(e, index));
    }

    private static DocumentCursor open(TableRef ref, String index, KeyRange range, boolean descending) {
        try {
            return index == null ? ref.storage().scan(range, descending)
                    : ref.storage().indexScan(index, range, descending);
        } catch (StorageException e) {
            throw ref.translate(e, index);
        }
    }

    /** The rows of several cursors one after the other (get_all's keys in order). */
    private static final class ConcatCursor implements DocumentCursor {
        private final List<Datum> keys;
        private final Function<Datum, DocumentCursor> opener;
        private int next;
        private DocumentCursor current;

        ConcatCursor(List<Datum> keys, Function<Datum, DocumentCursor> opener) {
            this.keys = keys;
            this.opener = opener;
        }

        @Override
        public Datum next() {
            while (true) {
                if (current == null) {
                    if (next >= keys.size()) {
                        return null;
                    }
                    current = opener.apply(keys.get(next++));
                }
                Datum d = current.next();
                if (d != null) {
                    return d;
                }
                current.close();
                current = null;
            }
        }

        @Override
        public void close() {
            if (current != null) {
                current.close();
                current = null;
            }
            next = keys.size();
        }
    }
}
