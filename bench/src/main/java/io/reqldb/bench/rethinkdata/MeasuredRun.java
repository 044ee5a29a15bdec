package io.reqldb.bench.rethinkdata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs a command to its end and measures it from {@code /proc}, polled every 50 ms: wall time,
 * peak resident memory of the whole process tree (the sum of VmRSS over the process and its
 * descendants, and at least the process's own VmHWM: the official Python dump works in child
 * processes, a JVM in one), and CPU time (user + system of the process, of its reaped children,
 * and of its live descendants at the last poll; short by at most one poll).
 *
 * @param seconds wall time
 * @param cpuSeconds CPU time of the tree
 * @param peakRssBytes peak resident memory of the tree
 * @param output what the command wrote (stdout and stderr)
 */
record MeasuredRun(double seconds, double cpuSeconds, long peakRssBytes, String output) {
    /** Clock ticks a second in /proc's times: 100 on every Linux the JVM runs on. */
    private static final double TICKS = 100.0;

    /** Runs {@code argv} with {@code env} added to the environment; fails when it exits non-zero. */
    static MeasuredRun of(List<String> argv, Map<String, String> env) throws IOException, InterruptedException {
        Path log = Files.createTempFile("measured-run", ".log");
        long t0 = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process p = builder.start();
        long peak = 0;
        long ticks = 0;
        while (p.isAlive()) {
            long rss = 0;
            long liveTicks = 0;
            for (ProcessHandle h : Stream.concat(Stream.of(p.toHandle()), p.descendants()).toList()) {
                rss += statusKb(h.pid(), "VmRSS:") * 1024;
                if (h.pid() == p.pid()) {
                    peak = Math.max(peak, statusKb(h.pid(), "VmHWM:") * 1024);
                    liveTicks += ticks(h.pid(), true);
                } else {
                    liveTicks += ticks(h.pid(), false);
                }
            }
            peak = Math.max(peak, rss);
            ticks = Math.max(ticks, liveTicks);
            Thread.sleep(50);
        }
        int code = p.waitFor();
        double seconds = (System.nanoTime() - t0) / 1e9;
        String text = Files.readString(log);
        Files.delete(log);
        if (code != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " failed (exit " + code + "):\n" + text);
        }
        return new MeasuredRun(seconds, ticks / TICKS, peak, text);
    }

    /** CPU time so far of a running process and its descendants (its reaped children included). */
    static double treeCpuSeconds(ProcessHandle root) {
        long ticks = ticks(root.pid(), true);
        for (ProcessHandle h : root.descendants().toList()) {
            ticks += ticks(h.pid(), false);
        }
        return ticks / TICKS;
    }

    /** A {@code /proc/PID/status} field in kB; 0 once the process is gone. */
    private static long statusKb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // ended between listing and reading
        }
        return 0;
    }

    /** utime + stime (+ cutime + cstime, the reaped children's) from {@code /proc/PID/stat}; 0 once gone. */
    private static long ticks(long pid, boolean withChildren) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name, which is in parentheses and may hold spaces.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return withChildren ? t + Long.parseLong(f[13]) + Long.parseLong(f[14]) : t;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }
}
