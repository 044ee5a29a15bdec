package io.reqldb.cli.log;

import io.reqldb.query.system.LogHistory;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The process's log, written as RethinkDB writes its own (see {@link LogLine}). Until
 * {@link #routeNoticesToStdout} (what {@code serve} does) every line goes to standard error, as
 * the other commands want; after it, notices go to standard output. The log file is opened only
 * once the server serves ({@link #writeTo}), so a start that fails leaves no file behind; the lines
 * logged before then are kept and written first.
 */
public final class ServerLog {
    /** Lines kept for the log file until it opens, and for {@link #recent} when there is none. */
    static final int KEPT = 1000;

    private static final ServerLog INSTANCE = new ServerLog();

    /** System.nanoTime() when this JVM started: uptimes count from there, as RethinkDB's from its start. */
    private final long startNanos;
    private final ZoneId zone = ZoneId.systemDefault();
    private final ArrayDeque<LogLine> kept = new ArrayDeque<>();
    private Instant last = Instant.EPOCH;
    private boolean noticesToStdout;
    private Path file;
    private OutputStream fileOut;
    /** Who takes each new line ({@code rethinkdb.logs} changefeeds), told after the line is written. */
    private final List<Consumer<LogLine>> followers = new CopyOnWriteArrayList<>();
    /** Set while this thread tells the followers: a line a follower logs is not told again, so it cannot loop. */
    private final ThreadLocal<Boolean> telling = ThreadLocal.withInitial(() -> false);

    private ServerLog() {
        long sinceStart = ProcessHandle.current().info().startInstant()
                .map(s -> java.time.Duration.between(s, Instant.now()).toNanos()).orElse(0L);
        startNanos = System.nanoTime() - Math.max(0, sinceStart);
    }

    public static ServerLog get() {
        return INSTANCE;
    }

    /** Notices to standard output, warnings and errors to standard error (RethinkDB's console). */
    public synchronized void routeNoticesToStdout() {
        noticesToStdout = true;
    }

    /**
     * From now on also writes to this file (appending; created when missing), starting with the
     * lines logged so far.
     *
     * @throws IOException when it cannot be opened or written
     */
    public synchronized void writeTo(Path path) throws IOException {
        OutputStream out = new FileOutputStream(path.toFile(), true);
        try {
            for (LogLine line : kept) {
                out.write(fileBytes(line));
            }
        } catch (IOException e) {
            out.close();
            throw e;
        }
        kept.clear();
        file = path;
        fileOut = out;
    }

    /** Whether {@link #writeTo} could open {@code path}: null if so, else why not (nothing is created). */
    public static String cannotWrite(Path path) {
        if (Files.isDirectory(path)) {
            return "it is a directory";
        }
        if (Files.exists(path)) {
            return Files.isWritable(path) ? null : "Permission denied";
        }
        Path parent = path.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return "No such file or directory";
        }
        return Files.isWritable(parent) ? null : "Permission denied";
    }

    public void log(LogLevel level, String message) {
        LogLine line = write(level, message);
        if (followers.isEmpty() || telling.get()) {
            return;
        }
        // As the file holds it, so a follower sees the row rethinkdb.logs will show.
        LogLine filed = LogLine.parse(line.fileLine(zone), zone);
        if (filed == null) {
            return;
        }
        telling.set(true);
        try {
            followers.forEach(f -> f.accept(filed));
        } finally {
            telling.set(false);
        }
    }

    private synchronized LogLine write(LogLevel level, String message) {
        Instant now = Instant.now();
        // Unique timestamps, as RethinkDB's: they key the rows of rethinkdb.logs.
        last = now.isAfter(last) ? now : last.plusNanos(1);
        LogLine line = new LogLine(last, System.nanoTime() - startNanos, level, message);
        if (level != LogLevel.INFO) {
            PrintStream console = noticesToStdout && level == LogLevel.NOTICE ? System.out : System.err;
            console.println(line.consoleLine());
            console.flush();
        }
        if (fileOut != null) {
            try {
                fileOut.write(fileBytes(line));
            } catch (IOException e) {
                System.err.println("error: cannot write to the log file " + file + ": " + e.getMessage());
            }
        } else {
            if (kept.size() == KEPT) {
                kept.removeFirst();
            }
            kept.addLast(line);
        }
        return line;
    }

    /** The last {@code max} lines of the log file (earlier runs' too), or of this run when there is no file yet. */
    public List<LogLine> recent(int max) {
        Path path;
        synchronized (this) {
            path = file;
            if (path == null) {
                // As the file will hold them.
                List<LogLine> all = kept.stream().map(l -> LogLine.parse(l.fileLine(zone), zone)).toList();
                return all.subList(Math.max(0, all.size() - max), all.size());
            }
        }
        List<LogLine> out = new ArrayList<>();
        for (String text : LogFileTail.lastLines(path, max)) {
            LogLine line = LogLine.parse(text, zone);
            if (line != null) {
                out.add(line);
            }
        }
        return out;
    }

    /** This log as {@code rethinkdb.logs} reads it. */
    public LogHistory history() {
        return new LogHistory() {
            @Override
            public List<Entry> recent(int max) {
                return ServerLog.this.recent(max).stream().map(ServerLog::entry).toList();
            }

            @Override
            public AutoCloseable follow(Consumer<Entry> listener) {
                Consumer<LogLine> follower = line -> listener.accept(entry(line));
                followers.add(follower);
                return () -> followers.remove(follower);
            }
        };
    }

    private static LogHistory.Entry entry(LogLine l) {
        return new LogHistory.Entry(l.utcId(), l.timestamp().getEpochSecond() + l.timestamp().getNano() / 1e9,
                l.uptimeNanos() / 1e9, l.level().text(), l.message());
    }

    private byte[] fileBytes(LogLine line) {
        return (line.fileLine(zone) + "\n").getBytes(StandardCharsets.US_ASCII);
    }
}
