package io.reqldb.query.feed;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One thread for the timed checks of every feed whose reader waits without a thread (see
 * {@link Feed#whenReady}): a squash deadline, the dropped-table check. The checks are short (a
 * lock and a look), so one thread serves thousands of feeds.
 */
final class FeedTimer {
    private static final ScheduledThreadPoolExecutor TIMER = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "reqldb-feed-timer");
        t.setDaemon(true);
        return t;
    });

    static {
        TIMER.setRemoveOnCancelPolicy(true);
    }

    private FeedTimer() {
    }

    static void schedule(Runnable check, long delayNanos) {
        TIMER.schedule(check, delayNanos, TimeUnit.NANOSECONDS);
    }
}
