package io.reqldb.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A server's resident memory and thread count, read from {@code /proc/PID/status} (the kernel's
 * own accounting: the same figures for a JVM and for RethinkDB's C++ process), summed over the
 * process and its children: ReqlDB's {@code serve} runs in a sized child of the process started,
 * next to its JavaScript workers, as RethinkDB runs its own worker processes.
 *
 * <p>Printed: the largest process (the serving JVM, or RethinkDB), then the whole tree.
 *
 * @param processes each process of the tree, largest first
 */
record ProcessFootprint(List<Process> processes) {

    /** One process: resident memory in kB, threads. */
    record Process(long pid, long rssKb, int threads) {
    }

    /** The footprint of process {@code pid} and its descendants, or null when not readable here (another host). */
    static ProcessFootprint of(long pid) {
        List<Process> all = new ArrayList<>();
        ProcessHandle.of(pid).ifPresent(root -> Stream.concat(Stream.of(root), root.descendants())
                .forEach(p -> {
                    Process read = read(p.pid());
                    if (read != null) {
                        all.add(read);
                    }
                }));
        all.sort(Comparator.comparingLong(Process::rssKb).reversed());
        return all.isEmpty() ? null : new ProcessFootprint(all);
    }

    private static Process read(long pid) {
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
            return rss < 0 || threads < 0 ? null : new Process(pid, rss, threads);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        long rss = processes.stream().mapToLong(Process::rssKb).sum();
        int threads = processes.stream().mapToInt(Process::threads).sum();
        Process largest = processes.get(0);
        String serving = String.format("RSS %,d MB, %d threads", largest.rssKb / 1024, largest.threads);
        if (processes.size() == 1) {
            return serving;
        }
        return serving + String.format(" (all %d processes: %,d MB, %d threads)", processes.size(), rss / 1024, threads);
    }
}
