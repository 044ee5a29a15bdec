package io.reqldb.query.feed;

import io.reqldb.datum.Datum;
import io.reqldb.query.QueryResult;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.eval.QueryContext;
import io.reqldb.query.eval.Sequence;
import io.reqldb.query.eval.Values;
import java.util.ArrayList;
import java.util.List;

/** The engine's entry points for queries that opened changefeeds. */
public final class FeedResults {
    private FeedResults() {
    }

    /**
     * The result of a query that opened feeds: a stream served as a feed, or null when the query
     * opened none or its value does not read from them (then its feeds are closed).
     */
    public static QueryResult of(Object value, QueryContext ctx) {
        List<Sequence> open = ctx.openFeeds();
        if (open.isEmpty()) {
            return null;
        }
        if (value instanceof Sequence s) {
            List<FeedSequence> feeds = new ArrayList<>();
            for (Sequence f : open) {
                feeds.add((FeedSequence) f);
            }
            return new QueryResult.Stream(new FeedResultStream(s, feeds));
        }
        closeAll(ctx);
        return null;
    }

    /** Closes the feeds a failed query opened. */
    public static void closeAll(QueryContext ctx) {
        if (ctx == null) {
            return;
        }
        for (Sequence f : ctx.openFeeds()) {
            f.close();
        }
    }

    /** Checks a {@code changefeed_queue_size} value: RethinkDB's "Illegal changefeed queue size" error. */
    public static int queueSizeLimit(Datum d) {
        long v = Values.toLong(d);
        if (v < 1) {
            throw new ReqlQueryLogicError("Illegal changefeed queue size `" + v + "`.  (Must be >= 1.)");
        }
        return (int) Math.min(Integer.MAX_VALUE, v);
    }
}
