package io.reqldb.tools.progress;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Per-task progress with rate and ETA on stderr. On a terminal the lines of running tasks are
 * redrawn in place as bars; otherwise (a log file, CI) a plain line per running task is printed
 * every few seconds, so logs stay readable. {@code --quiet} uses {@link #silent()}.
 */
public final class Progress implements AutoCloseable {
    private static final long TERMINAL_INTERVAL_MS = 200;
    private static final long PLAIN_INTERVAL_MS = 5000;

    private final PrintStream out;
    private final boolean terminal;
    private final List<ProgressTask> tasks = new CopyOnWriteArrayList<>();
    private final Thread drawer;
    private int drawnLines;

    private Progress(PrintStream out, boolean terminal, boolean enabled) {
        this.out = out;
        this.terminal = terminal;
        if (enabled) {
            drawer = new Thread(this::drawLoop, "progress");
            drawer.setDaemon(true);
            drawer.start();
        } else {
            drawer = null;
        }
    }

    /** Reports to stderr, as bars when stderr is a terminal. */
    public static Progress toStderr() {
        return new Progress(System.err, System.console() != null, true);
    }

    /** Reports plain lines to {@code out}; for tests and non-terminal use. */
    public static Progress plain(PrintStream out) {
        return new Progress(out, false, true);
    }

    /** Tracks tasks but prints nothing. */
    public static Progress silent() {
        return new Progress(null, false, false);
    }

    /** Starts a task; {@code total} may be an estimate or 0 when unknown. */
    public ProgressTask start(String name, String unit, long total) {
        ProgressTask task = new ProgressTask(name, unit, total);
        tasks.add(task);
        return task;
    }

    /** Prints a task's final line once it has finished. */
    public void finish(ProgressTask task) {
        task.finish();
        if (drawer == null) {
            return;
        }
        synchronized (this) {
            tasks.remove(task);
            clear();
            out.println(task.line(terminal));
            draw();
        }
    }

    private void drawLoop() {
        long interval = terminal ? TERMINAL_INTERVAL_MS : PLAIN_INTERVAL_MS;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(interval);
                synchronized (this) {
                    clear();
                    draw();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void draw() {
        List<String> lines = new ArrayList<>();
        for (ProgressTask task : tasks) {
            lines.add(task.line(terminal));
        }
        for (String line : lines) {
            out.println(line);
        }
        out.flush();
        drawnLines = terminal ? lines.size() : 0;
    }

    /** Moves up over the bars drawn last time and erases them (terminal only). */
    private void clear() {
        for (int i = 0; i < drawnLines; i++) {
            out.print("\u001b[1A\u001b[2K");
        }
        drawnLines = 0;
    }

    @Override
    public void close() {
        if (drawer == null) {
            return;
        }
        drawer.interrupt();
        synchronized (this) {
            clear();
        }
        out.flush();
    }
}
