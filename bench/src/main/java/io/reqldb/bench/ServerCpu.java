package io.reqldb.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A server's CPU time, user plus system, read from {@code /proc/PID/stat} for the process and
 * every process it started (`reqldb serve` may run the server in a child JVM that it waits for):
 * on a machine shared with the load generator and other work, the CPU a server spends per
 * operation is a far steadier measure than its rate.
 */
final class ServerCpu {
    private static final long NANOS_PER_TICK = 1_000_000_000L / clockTicks();

    private final ProcessHandle process;

    ServerCpu(long pid) {
        this.process = ProcessHandle.of(pid).orElseThrow(() ->
                new IllegalStateException("no process " + pid + ": is the server running?"));
    }

    /** CPU time used so far by every thread of the process and its descendants, in nanoseconds. */
    long nanos() {
        long total = nanos(process.pid());
        for (ProcessHandle child : process.descendants().toList()) {
            total += nanos(child.pid());
        }
        return total;
    }

    private static long nanos(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        String line;
        try {
            line = Files.readString(stat);
        } catch (IOException e) {
            // A descendant that has just exited: its time went to its parent's children counts.
            return 0;
        }
        // Fields after the command name (which may hold spaces) are space-separated: utime and
        // stime are the 14th and 15th of the whole line, the 12th and 13th after the name.
        String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK;
    }

    /**
     * Waits (up to {@code maxSeconds}) until the server has used under 5% of a core over half a
     * second, so that background work left by one operation (RocksDB flushes and compactions
     * after a load) is not charged to the next.
     */
    void awaitIdle(int maxSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            long before = nanos();
            Thread.sleep(500);
            if (nanos() - before < 25_000_000L) {
                return;
            }
        }
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
