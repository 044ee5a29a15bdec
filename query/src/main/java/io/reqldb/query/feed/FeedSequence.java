package io.reqldb.query.feed;

import io.reqldb.datum.Datum;
import io.reqldb.query.eval.Sequence;

/**
 * A feed as a stream value, so the sequence terms work on it ({@code changes().map(...).limit(2)}).
 * It never ends by itself ({@link #isInfinite}); {@link #next} blocks until a change arrives, or
 * until the deadline set by {@link FeedResultStream} for the batch being filled, then throws
 * {@link BatchBoundary}.
 */
public final class FeedSequence extends Sequence {
    private final Feed feed;
    private volatile long deadline = Long.MAX_VALUE;

    FeedSequence(Feed feed) {
        this.feed = feed;
    }

    public Feed feed() {
        return feed;
    }

    /** Until when {@link #next} may wait ({@link System#nanoTime} units). */
    void setDeadline(long deadline) {
        this.deadline = deadline;
    }

    @Override
    public Datum next() {
        return feed.next(deadline);
    }

    @Override
    public boolean isInfinite() {
        return true;
    }

    @Override
    public boolean isFeed() {
        return true;
    }

    @Override
    public void close() {
        feed.close();
    }
}
