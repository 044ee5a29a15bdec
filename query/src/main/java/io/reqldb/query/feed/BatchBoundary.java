package io.reqldb.query.feed;

/**
 * Thrown by a feed's {@code next()} when no change is available before the batch deadline. It
 * passes unchanged through the sequences stacked on the feed ({@code map}, {@code filter},
 * {@code limit} of the seq terms only pull from their source) up to {@link FeedResultStream},
 * which ends the batch there. Not an error: it carries no stack trace.
 */
final class BatchBoundary extends RuntimeException {
    static final BatchBoundary INSTANCE = new BatchBoundary();

    private BatchBoundary() {
        super("no change available yet", null, false, false);
    }
}
