package io.reqldb.tools.progress;

import java.util.concurrent.atomic.AtomicLong;

/** Progress of one unit of work (usually one table); safe to update from any thread. */
public final class ProgressTask {
    private final String name;
    private final String unit;
    private final AtomicLong done = new AtomicLong();
    private final long startNanos = System.nanoTime();
    private volatile long total;
    private volatile long endNanos;

    ProgressTask(String name, String unit, long total) {
        this.name = name;
        this.unit = unit;
        this.total = total;
    }

    /** Adds finished units. */
    public void advance(long n) {
        done.addAndGet(n);
    }

    /** Replaces an estimated total once the real one is known. */
    public void total(long value) {
        total = value;
    }

    /** Marks the task finished. */
    public void finish() {
        endNanos = System.nanoTime();
    }

    String name() {
        return name;
    }

    boolean finished() {
        return endNanos != 0;
    }

    /** One status line; {@code bar} adds a 30-column bar for terminals. */
    String line(boolean bar) {
        long count = done.get();
        long max = total;
        double seconds = Math.max(1e-3, ((finished() ? endNanos : System.nanoTime()) - startNanos) / 1e9);
        long rate = Math.round(count / seconds);
        StringBuilder out = new StringBuilder(120);
        out.append(name).append(": ");
        if (bar) {
            int width = 30;
            int filled = max > 0 ? (int) Math.min(width, count * width / max) : (finished() ? width : 0);
            out.append('[').append("=".repeat(filled)).append(" ".repeat(width - filled)).append("] ");
        }
        if (finished()) {
            return out.append(String.format("%,d %s in %.1fs (%,d %s/s)", count, unit, seconds, rate, unit)).toString();
        }
        if (max > 0) {
            out.append(String.format("%3d%% %,d/%,d %s", Math.min(100, count * 100 / max), count, max, unit));
        } else {
            out.append(String.format("%,d %s", count, unit));
        }
        out.append(String.format(", %,d %s/s", rate, unit));
        if (max > count && rate > 0) {
            out.append(", ETA ").append(duration((max - count) / rate));
        }
        return out.toString();
    }

    private static String duration(long seconds) {
        return seconds >= 3600
                ? String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format("%d:%02d", seconds / 60, seconds % 60);
    }
}
