package io.reqldb.bench.rethinkdata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures reading a RethinkDB data directory without RethinkDB at growing sizes: for each
 * document count, writes a {@link SyntheticDataDir} (once; kept under {@code --dir}), then runs
 * {@code reqldb dump --data-dir} (or {@code migrate --from-rethinkdb}) in a fresh JVM with the
 * toolkit's JVM flags and a fixed heap cap, and reports wall time, documents per second, the
 * process's CPU time (user and system, polled, so short by at most one 50 ms poll) and its peak
 * resident memory (VmHWM, polled from /proc). Memory that stays flat as the count grows tenfold
 * is what streaming promises; CPU time is the figure that a loaded machine disturbs least.
 *
 * <pre>java -cp bench/target/reqldb-bench.jar io.reqldb.bench.rethinkdata.OfflineDumpBench
 *     [--docs 100000,1000000] [--dir /tmp/rethinkdata-bench] [--xmx 256m] [--command dump|migrate]</pre>
 */
public final class OfflineDumpBench {
    private static final Pattern ROWS = Pattern.compile("(\\d+) rows exported");

    private OfflineDumpBench() {}

    public static void main(String[] args) throws Exception {
        List<Long> counts = List.of(100_000L, 1_000_000L);
        Path base = Path.of("/tmp/rethinkdata-bench");
        String xmx = "256m";
        String command = "dump";
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--docs" -> counts = java.util.Arrays.stream(args[i + 1].split(",")).map(Long::parseLong).toList();
                case "--dir" -> base = Path.of(args[i + 1]);
                case "--xmx" -> xmx = args[i + 1];
                case "--command" -> command = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf("%-10s %10s %10s %12s %8s %12s %12s%n", "docs", "folder MB", "seconds", "docs/s", "CPU s",
                "peak RSS MB", "heap cap");
        for (long n : counts) {
            Path folder = base.resolve("rethinkdb_data_" + n);
            if (!Files.exists(folder.resolve("metadata"))) {
                long t0 = System.nanoTime();
                SyntheticDataDir.write(folder, n);
                System.err.printf("wrote %s in %.1fs%n", folder, (System.nanoTime() - t0) / 1e9);
            }
            long folderBytes;
            try (var files = Files.list(folder)) {
                folderBytes = files.mapToLong(p -> p.toFile().length()).sum();
            }
            Path out = base.resolve("out_" + n);
            deleteRecursively(out);
            Run run = run(command, folder, out, xmx);
            System.out.printf("%-10d %10.0f %10.2f %12.0f %8.2f %12.0f %12s%n", n, folderBytes / 1e6, run.seconds(),
                    n / run.seconds(), run.cpuSeconds(), run.peakRssBytes() / 1e6, xmx);
            deleteRecursively(out);
        }
    }

    private record Run(double seconds, double cpuSeconds, long peakRssBytes) {
    }

    private static Run run(String command, Path folder, Path out, String xmx) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + xmx, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), "io.reqldb.cli.ReqlDbCommand"));
        if (command.equals("dump")) {
            argv.addAll(List.of("dump", "--data-dir", folder.toString(), "-f", out + ".tar.gz"));
        } else {
            argv.addAll(List.of("migrate", "--from-rethinkdb", folder.toString(), "--directory", out.toString(), "-q"));
        }
        Path log = Files.createTempFile("rethinkdata-bench", ".log");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long peak = 0;
        java.time.Duration cpu = java.time.Duration.ZERO;
        Path status = Path.of("/proc", Long.toString(p.pid()), "status");
        while (p.isAlive()) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmHWM:")) {
                        peak = Math.max(peak, Long.parseLong(line.replaceAll("\\D", "")) * 1024);
                    }
                }
            } catch (IOException gone) {
                break; // the process ended between the check and the read
            }
            cpu = p.info().totalCpuDuration().orElse(cpu);
            Thread.sleep(50);
        }
        int code = p.waitFor();
        double seconds = (System.nanoTime() - t0) / 1e9;
        String text = Files.readString(log);
        Files.delete(log);
        if (code != 0) {
            throw new IllegalStateException(command + " failed (exit " + code + "):\n" + text);
        }
        Matcher m = ROWS.matcher(text);
        if (command.equals("dump") && !m.find()) {
            throw new IllegalStateException("dump did not report its rows:\n" + text);
        }
        return new Run(seconds, cpu.toNanos() / 1e9, peak);
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            Files.deleteIfExists(Path.of(path + ".tar.gz"));
            return;
        }
        try (var walk = Files.walk(path)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
