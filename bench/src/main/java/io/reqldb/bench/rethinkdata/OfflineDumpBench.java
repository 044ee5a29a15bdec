package io.reqldb.bench.rethinkdata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures reading a RethinkDB data directory without RethinkDB at growing sizes: for each
 * document count, writes a {@link SyntheticDataDir} (once; kept under {@code --dir}), then runs
 * {@code reqldb dump --data-dir} (or {@code migrate --from-rethinkdb}) in a fresh JVM with the
 * toolkit's JVM flags and a fixed heap cap, and reports wall time, documents per second, the
 * process's CPU time and its peak resident memory ({@link MeasuredRun}). Memory that stays flat
 * as the count grows tenfold is what streaming promises; CPU time is the figure that a loaded
 * machine disturbs least.
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
            Path folder = folder(base, n);
            long folderBytes;
            try (var files = Files.list(folder)) {
                folderBytes = files.mapToLong(p -> p.toFile().length()).sum();
            }
            Path out = base.resolve("out_" + n);
            deleteRecursively(out);
            MeasuredRun run = run(command, folder, out, xmx);
            System.out.printf("%-10d %10.0f %10.2f %12.0f %8.2f %12.0f %12s%n", n, folderBytes / 1e6, run.seconds(),
                    n / run.seconds(), run.cpuSeconds(), run.peakRssBytes() / 1e6, xmx);
            deleteRecursively(out);
        }
    }

    /** Runs {@code command} on {@code folder} in a fresh JVM with the toolkit's flags; checks a dump's row report. */
    static MeasuredRun run(String command, Path folder, Path out, String xmx) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + xmx, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), "io.reqldb.cli.ReqlDbCommand"));
        if (command.equals("dump")) {
            argv.addAll(List.of("dump", "--data-dir", folder.toString(), "-f", out + ".tar.gz"));
        } else {
            argv.addAll(List.of("migrate", "--from-rethinkdb", folder.toString(), "--directory", out.toString(), "-q"));
        }
        MeasuredRun run = MeasuredRun.of(argv, Map.of());
        Matcher m = ROWS.matcher(run.output());
        if (command.equals("dump") && !m.find()) {
            throw new IllegalStateException("dump did not report its rows:\n" + run.output());
        }
        return run;
    }

    /** The folder of {@code n} documents under {@code base}, written first when missing. */
    static Path folder(Path base, long n) throws IOException {
        Path folder = base.resolve("rethinkdb_data_" + n);
        if (!Files.exists(folder.resolve("metadata"))) {
            long t0 = System.nanoTime();
            SyntheticDataDir.write(folder, n);
            System.err.printf("wrote %s in %.1fs%n", folder, (System.nanoTime() - t0) / 1e9);
        }
        return folder;
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            Files.deleteIfExists(Path.of(path + ".tar.gz"));
            return;
        }
        try (var walk = Files.walk(path)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
