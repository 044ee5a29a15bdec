package io.reqldb.query.feed;

import io.reqldb.query.eval.Env;
import io.reqldb.query.term.Term;

/** The CHANGES term: opens a feed and registers it with the query, which serves it batch by batch. */
public final class Changes {
    private Changes() {
    }

    public static Object eval(Term t, Env env) {
        FeedOptions options = FeedOptions.parse(t, env);
        Feed feed = new FeedPlanner(env, options).open(t);
        FeedSequence seq = new FeedSequence(feed);
        env.context().addOpenFeed(seq);
        return seq;
    }
}
