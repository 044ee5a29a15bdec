package io.reqldb.query.feed;

import io.reqldb.datum.Datum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.error.ReqlError;
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

    /**
     * Closes the feeds of a query that failed and returns the error to report: RethinkDB words
     * "infinite stream" errors differently when the stream is a changefeed.
     */
    public static RuntimeException failed(QueryContext ctx, RuntimeException e) {
        closeAll(ctx);
        if (ctx != null && !ctx.openFeeds().isEmpty() && e instanceof ReqlQueryLogicError
                && Values.infiniteStream().getMessage().equals(e.getMessage())) {
            ReqlError reworded = Values.changefeedTerminal();
            List<Datum> frames = ((ReqlError) e).backtrace().items();
            for (int i = frames.size() - 1; i >= 0; i--) {
                Datum f = frames.get(i);
                if (f instanceof NumberDatum n) {
                    reworded.addFrame((int) n.value());
                } else {
                    reworded.addFrame(((StringDatum) f).value());
                }
            }
            return reworded;
        }
        return e;
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
