package io.reqldb.query.system;

import java.util.List;

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
