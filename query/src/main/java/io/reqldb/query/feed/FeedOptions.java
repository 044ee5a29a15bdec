package io.reqldb.query.feed;

import io.reqldb.datum.BoolDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.eval.Env;
import io.reqldb.query.term.Term;

/**
 * The optargs of {@code changes()}.
 *
 * @param squash         coalesce changes to one document while they wait to be read
 * @param squashSeconds  with squash, how long a batch waits for more changes first (0: no wait)
 * @param queueSize      most changes buffered before the feed drops them and reports an error
 * @param includeInitial send the current values first
 * @param includeStates  send {@code {state: 'initializing'|'ready'}} markers
 * @param includeTypes   add a {@code type} field to every item
 * @param includeOffsets add {@code old_offset}/{@code new_offset} (order_by.limit feeds)
 */
public record FeedOptions(boolean squash, double squashSeconds, int queueSize, boolean includeInitial,
                          boolean includeStates, boolean includeTypes, boolean includeOffsets) {

    /** Reads and checks the optargs of a CHANGES term, with RethinkDB's errors. */
    public static FeedOptions parse(Term t, Env env) {
        boolean squash = false;
        double seconds = 0;
        Datum s = t.optargDatum(env, "squash");
        if (s != null) {
            if (s instanceof NumberDatum n) {
                if (n.value() < 0) {
                    throw new ReqlQueryLogicError(
                            "Expected BOOL or a positive NUMBER but found a negative NUMBER.").addFrame("squash");
                }
                squash = true;
                seconds = n.value();
            } else if (s instanceof BoolDatum b) {
                squash = b.value();
            } else {
                throw new ReqlQueryLogicError("Expected BOOL or NUMBER but found " + s.typeName() + ".")
                        .addFrame("squash");
            }
        }
        int queueSize = env.context().changefeedQueueSize();
        Datum q = t.optargDatum(env, "changefeed_queue_size");
        if (q != null) {
            queueSize = t.inOptarg("changefeed_queue_size", () -> FeedResults.queueSizeLimit(q));
        }
        return new FeedOptions(squash, seconds, queueSize,
                t.optargBool(env, "include_initial", false),
                t.optargBool(env, "include_states", false),
                t.optargBool(env, "include_types", false),
                t.optargBool(env, "include_offsets", false));
    }

    /** Options with everything off, for tests. */
    public static FeedOptions defaults() {
        return new FeedOptions(false, 0, 100_000, false, false, false, false);
    }
}
