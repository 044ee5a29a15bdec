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
    /** Items taken from the feed in one go, at most this many, handed out one by one. */
    private static final int BUFFER = 256;
    private final java.util.ArrayDeque<Datum> buffer = new java.util.ArrayDeque<>();
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
        Datum d = buffer.poll();
        if (d != null) {
            return d;
        }
        if (feed.drain(deadline, buffer, BUFFER) < 0) {
            buffer.clear();
            return null;
        }
        return buffer.poll();
    }

    /** Runs {@code ready} once {@link #next} would not wait (see {@link Feed#whenReady}). */
    void whenReady(Runnable ready) {
        if (!buffer.isEmpty()) {
            ready.run();
        } else {
            feed.whenReady(ready);
        }
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
