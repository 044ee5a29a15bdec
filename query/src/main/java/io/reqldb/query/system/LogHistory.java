package io.reqldb.query.system;

import java.util.List;
import java.util.function.Consumer;

/** Where {@code rethinkdb.logs} reads the server's log from: the serving process's log file. */
@FunctionalInterface
public interface LogHistory {
    /** RethinkDB's rows: the last 1000 messages of each server. */
    int ROWS = 1000;

    /** No log: an engine running inside another program. */
    LogHistory NONE = max -> List.of();

    /** Up to {@code max} of the latest entries, oldest first. */
    List<Entry> recent(int max);

    /**
     * Calls {@code listener} with each entry logged from now on, as {@link #recent} will give it,
     * until the returned handle closes ({@code rethinkdb.logs.changes()}); a log that takes no
     * more entries never calls it.
     */
    default AutoCloseable follow(Consumer<Entry> listener) {
        return () -> { };
    }

    /**
     * One message of the log.
     *
     * @param id            the timestamp as the row's key holds it: UTC, to the nanosecond
     * @param epochSeconds  when it was logged
     * @param uptimeSeconds how long the process had been running then
     * @param level         {@code info}, {@code notice}, {@code warn} or {@code error}
     * @param message       the message as the log file holds it
     */
    record Entry(String id, double epochSeconds, double uptimeSeconds, String level, String message) {
    }
}
