package io.reqldb.cli.log;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * One log message in RethinkDB's two forms (clustering/administration/logs/log_writer.cc): the
 * log file's {@code 2016-01-01T12:00:00.000000000 0.123456s notice: Running ...} (local time to
 * the nanosecond, uptime to the microsecond, level, the message on one line: newlines, tabs and
 * backslashes escaped, other characters outside printable ASCII as '?'), and the console's
 * message alone, prefixed by the level for warnings and errors.
 *
 * @param timestamp when it was logged (unique per process: see {@link ServerLog})
 * @param uptimeNanos time since the process started
 * @param level its level
 * @param message the message as logged (in a line read back from the file: as the file holds it)
 */
public record LogLine(Instant timestamp, long uptimeNanos, LogLevel level, String message) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS", Locale.ROOT);

    /** The log file's line (no line end), times in {@code zone}: RethinkDB writes local time. */
    public String fileLine(ZoneId zone) {
        long micros = uptimeNanos / 1_000 % 1_000_000;
        return String.format(Locale.ROOT, "%s %d.%06ds %s: %s", TIME.format(LocalDateTime.ofInstant(timestamp, zone)),
                uptimeNanos / 1_000_000_000L, micros, level.text(), escaped(trimmed(message)));
    }

    /** The console's line: warnings and errors say their level, and a message's later lines are indented under it. */
    public String consoleLine() {
        String prefix = level == LogLevel.WARN || level == LogLevel.ERROR ? level.text() + ": " : "";
        return prefix + trimmed(message).replace("\n", "\n" + " ".repeat(prefix.length()));
    }

    /** The timestamp as {@code rethinkdb.logs} keys it: UTC, to the nanosecond. */
    public String utcId() {
        return TIME.format(LocalDateTime.ofInstant(timestamp, ZoneOffset.UTC));
    }

    /** A line of a log file, times read in {@code zone}; null when the line is not one (RethinkDB skips those too). */
    public static LogLine parse(String line, ZoneId zone) {
        int timeEnd = line.indexOf(' ');
        int uptimeEnd = timeEnd < 0 ? -1 : line.indexOf("s ", timeEnd + 1);
        int levelEnd = uptimeEnd < 0 ? -1 : line.indexOf(": ", uptimeEnd + 2);
        if (levelEnd < 0) {
            return null;
        }
        LogLevel level = LogLevel.parse(line.substring(uptimeEnd + 2, levelEnd));
        String uptime = line.substring(timeEnd + 1, uptimeEnd);
        int dot = uptime.indexOf('.');
        if (level == null || dot < 0 || !uptime.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))
                || uptime.indexOf('.', dot + 1) >= 0 || dot == 0 || dot == uptime.length() - 1) {
            return null;
        }
        try {
            Instant timestamp = LocalDateTime.parse(line.substring(0, timeEnd), TIME).atZone(zone).toInstant();
            // RethinkDB reads the fraction as microseconds, whatever its length.
            long nanos = Long.parseLong(uptime.substring(0, dot)) * 1_000_000_000L
                    + Long.parseLong(uptime.substring(dot + 1)) * 1_000L;
            return new LogLine(timestamp, nanos, level, line.substring(levelEnd + 2));
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }

    /** Leading newlines and trailing line ends dropped, as RethinkDB does. */
    private static String trimmed(String message) {
        int start = 0;
        int end = message.length();
        while (start < end && message.charAt(start) == '\n') {
            start++;
        }
        while (end > start && (message.charAt(end - 1) == '\n' || message.charAt(end - 1) == '\r')) {
            end--;
        }
        return message.substring(start, end);
    }

    private static String escaped(String message) {
        StringBuilder out = new StringBuilder(message.length());
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> out.append(c < ' ' || c > '~' ? '?' : c);
            }
        }
        return out.toString();
    }
}
