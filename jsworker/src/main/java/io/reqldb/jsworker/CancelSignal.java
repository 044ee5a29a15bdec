package io.reqldb.jsworker;

/**
 * How the pool learns that the query a script runs for was cancelled (its client disconnected or
 * sent {@code STOP}): the pool registers an action that kills the script's worker, so that the
 * script's CPU is released at once instead of at its {@code timeout}. The query layer adapts its
 * own cancellation to this, keeping this module free of it.
 */
@FunctionalInterface
public interface CancelSignal {
    /** A query that is never cancelled. */
    CancelSignal NEVER = action -> () -> { };

    /**
     * Runs {@code action} once when the query is cancelled, on any thread (at once when it
     * already is); closing the returned registration forgets it.
     */
    Registration onCancel(Runnable action);

    /** Undoes an {@link #onCancel}. */
    @FunctionalInterface
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
