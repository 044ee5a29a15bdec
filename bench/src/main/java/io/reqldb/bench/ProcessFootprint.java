package io.reqldb.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A server process's resident memory and thread count, read from {@code /proc/PID/status} (the
 * kernel's own accounting: the same figures for a JVM and for RethinkDB's C++ process).
 */
record ProcessFootprint(long rssKb, int threads) {

    /** The footprint of process {@code pid}, or null when it is not readable here (another host). */
    static ProcessFootprint of(long pid) {
        try {
            long rss = -1;
            int threads = -1;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("\\D", ""));
                } else if (line.startsWith("Threads:")) {
                    threads = Integer.parseInt(line.replaceAll("\\D", ""));
                }
            }
            return rss < 0 || threads < 0 ? null : new ProcessFootprint(rss, threads);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return String.format("RSS %,d MB, %d threads", rssKb / 1024, threads);
    }
}
