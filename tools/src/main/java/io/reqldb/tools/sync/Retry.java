package io.reqldb.tools.sync;

import com.rethinkdb.gen.exc.ReqlDriverError;
import io.reqldb.tools.ToolException;
import java.util.function.Supplier;

/**
 * Runs a step again after a dropped connection (the driver's {@link ReqlDriverError}), with a
 * growing pause, reconnecting first; server errors are not retried. Only steps that can be
 * repeated without harm go through it: reads, and writes that set rows to given values.
 */
final class Retry {
    /** About a minute in all: a restarted server or a network blip, not a server that is gone. */
    static final int TRIES = 12;

    private Retry() {}

    static <T> T run(String what, Runnable reconnect, Supplier<T> step) {
        for (int attempt = 1; ; attempt++) {
            try {
                return step.get();
            } catch (ReqlDriverError | ToolException e) {
                // ToolException: the reconnect itself failed (server still down).
                if (attempt >= TRIES) {
                    throw ToolException.failure("Connection error during " + what + " (gave up after " + TRIES
                            + " tries): " + e.getMessage());
                }
                pause(attempt);
                try {
                    reconnect.run();
                } catch (ToolException stillDown) {
                    // Tried again on the next round.
                }
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(10_000, 250L << Math.min(attempt, 6)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ToolException.failure("interrupted");
        }
    }
}
