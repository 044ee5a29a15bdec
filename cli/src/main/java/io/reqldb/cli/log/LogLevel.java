package io.reqldb.cli.log;

/**
 * RethinkDB's log levels, by the names its log file uses. {@code info} lines go to the log file
 * only; {@code notice} lines also to standard output, {@code warn} and {@code error} lines also to
 * standard error (RethinkDB's log_writer.cc).
 */
public enum LogLevel {
    INFO("info"), NOTICE("notice"), WARN("warn"), ERROR("error");

    private final String text;

    LogLevel(String text) {
        this.text = text;
    }

    /** The level as the log file writes it. */
    public String text() {
        return text;
    }

    /** The level a log file names, or null when it names none. */
    static LogLevel parse(String text) {
        for (LogLevel level : values()) {
            if (level.text.equals(text)) {
                return level;
            }
        }
        return null;
    }
}
