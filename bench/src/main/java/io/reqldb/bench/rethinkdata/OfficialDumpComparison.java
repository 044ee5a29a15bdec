package io.reqldb.bench.rethinkdata;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * {@code reqldb dump --data-dir} on a RethinkDB folder against a measured lower bound of what a
 * user without this command does: start a server on the data and run RethinkDB's official
 * {@code rethinkdb dump} (Python) against it. RethinkDB cannot run on this machine, so the server
 * is ReqlDB holding the same documents ({@code migrate --from-rethinkdb} of the same
 * {@link SyntheticDataDir} folder, done once and kept), which starts and scans faster than
 * RethinkDB (a full scan costs RethinkDB 2.4.4 about three times ReqlDB's server CPU a
 * document: 10 against 3.1 us in the README's performance table, from issue #14): the official
 * dump's times here are thus lower bounds for the real path.
 *
 * <p>For each size: the offline dump (fresh JVM, toolkit flags, heap cap), the server's start
 * (process start to its driver port accepting), the official dump against that just-started
 * server, then again against the now warm one; each with wall time and peak resident memory of
 * the dump's process tree ({@link MeasuredRun}), and the server's CPU time for its start and
 * during each dump (its own scan, on top of the dump's). The data members of the three archives are
 * compared by digest. The official tools must be importable by {@code --python} (set
 * {@code PYTHONPATH} for a checkout).
 *
 * <pre>java -cp bench/target/reqldb-bench.jar io.reqldb.bench.rethinkdata.OfficialDumpComparison
 *     [--docs 100000,1000000] [--dir /tmp/rethinkdata-bench] [--xmx 256m] [--python python3]</pre>
 */
public final class OfficialDumpComparison {
    private OfficialDumpComparison() {}

    public static void main(String[] args) throws Exception {
        List<Long> counts = List.of(100_000L, 1_000_000L);
        Path base = Path.of("/tmp/rethinkdata-bench");
        String xmx = "256m";
        String python = "python3";
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--docs" -> counts = java.util.Arrays.stream(args[i + 1].split(",")).map(Long::parseLong).toList();
                case "--dir" -> base = Path.of(args[i + 1]);
                case "--xmx" -> xmx = args[i + 1];
                case "--python" -> python = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf("%-8s %-32s %8s %8s %12s %9s%n", "docs", "", "seconds", "CPU s", "peak RSS MB", "vs ours");
        for (long n : counts) {
            Path folder = OfflineDumpBench.folder(base, n);
            Path ours = base.resolve("ours_" + n);
            OfflineDumpBench.deleteRecursively(ours);
            MeasuredRun offline = OfflineDumpBench.run("dump", folder, ours, xmx);
            row(n, "reqldb dump --data-dir", offline, 1);

            Path data = base.resolve("reqldb_" + n);
            Path migrated = base.resolve("reqldb_" + n + ".done");
            if (!Files.exists(migrated)) {
                OfflineDumpBench.deleteRecursively(data);
                OfflineDumpBench.run("migrate", folder, data, xmx);
                Files.createFile(migrated);
            }
            int port = freePort();
            Process server = startServer(data, port, base.resolve("serve_" + n + ".log"));
            try {
                long t0 = System.nanoTime();
                awaitPort(server, port);
                double start = (System.nanoTime() - t0) / 1e9;
                System.out.printf("%-8d %-32s %8.2f%n", n, "server start (to port open)", start);
                Path fresh = base.resolve("official_fresh_" + n + ".tar.gz");
                Path warm = base.resolve("official_warm_" + n + ".tar.gz");
                double cpu0 = MeasuredRun.treeCpuSeconds(server.toHandle());
                MeasuredRun first = official(python, port, fresh);
                double cpu1 = MeasuredRun.treeCpuSeconds(server.toHandle());
                row(n, "start + official dump (fresh)", first, (start + first.seconds()) / offline.seconds());
                MeasuredRun second = official(python, port, warm);
                row(n, "official dump (warm server)", second, second.seconds() / offline.seconds());
                System.out.printf("%-8d server CPU s: start %.2f, fresh dump %.2f, warm dump %.2f%n", n, cpu0,
                        cpu1 - cpu0, MeasuredRun.treeCpuSeconds(server.toHandle()) - cpu1);
                String same = dataDigests(Path.of(ours + ".tar.gz")).equals(dataDigests(fresh))
                        && dataDigests(fresh).equals(dataDigests(warm)) ? "identical" : "DIFFERENT";
                System.out.printf("%-8d data members of the three archives: %s%n", n, same);
                Files.delete(fresh);
                Files.delete(warm);
            } finally {
                stop(server);
            }
            OfflineDumpBench.deleteRecursively(ours);
        }
    }

    /** One line; {@code ratio}: how many times longer than the offline dump the path took. */
    private static void row(long n, String what, MeasuredRun run, double ratio) {
        System.out.printf("%-8d %-32s %8.2f %8.2f %12.0f %8.1fx%n", n, what, run.seconds(), run.cpuSeconds(),
                run.peakRssBytes() / 1e6, ratio);
    }

    private static MeasuredRun official(String python, int port, Path out) throws IOException, InterruptedException {
        return MeasuredRun.of(List.of(python, "-W", "ignore", "-m", "rethinkdb", "dump", "-c", "localhost:" + port,
                "-e", "bench", "-f", out.toString(), "-q"), Map.of());
    }

    private static Process startServer(Path data, int port, Path log) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "io.reqldb.cli.ReqlDbCommand", "serve", "--directory",
                data.toString(), "--driver-port", Integer.toString(port), "--no-http-admin")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void awaitPort(Process server, int port) throws InterruptedException {
        while (true) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the server exited (exit " + server.exitValue() + ")");
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(10);
            }
        }
    }

    /** Stops the server and the sized JVM it started. */
    private static void stop(Process server) throws InterruptedException {
        List<ProcessHandle> children = server.descendants().toList();
        server.destroy();
        children.forEach(ProcessHandle::destroy);
        server.waitFor();
        for (ProcessHandle child : children) {
            child.onExit().join();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * The SHA-256 of each data member ({@code .json}) of a dump archive, by its name below the
     * archive's top folder (which carries the dump's time).
     */
    private static Map<String, String> dataDigests(Path archive) throws IOException, NoSuchAlgorithmException {
        Map<String, String> digests = new TreeMap<>();
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(archive), 1 << 16))) {
            byte[] header = new byte[512];
            while (true) {
                try {
                    in.readFully(header);
                } catch (EOFException end) {
                    break;
                }
                String name = new String(header, 0, 100, StandardCharsets.UTF_8).replace("\0", "");
                if (name.isEmpty()) {
                    break; // the end-of-archive records
                }
                long size = Long.parseLong(new String(header, 124, 11, StandardCharsets.US_ASCII).trim(), 8);
                // Regular files only: both tools also write pax headers (type 'x'), named after their file.
                boolean data = (header[156] == '0' || header[156] == 0) && name.endsWith(".json");
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                copy(in, size, data ? sha : null);
                in.skipNBytes((512 - size % 512) % 512);
                if (data) {
                    digests.put(name.substring(name.indexOf('/') + 1), HexFormat.of().formatHex(sha.digest()));
                }
            }
        }
        return digests;
    }

    private static void copy(InputStream in, long size, MessageDigest sha) throws IOException {
        byte[] buf = new byte[1 << 16];
        while (size > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, size));
            if (n < 0) {
                throw new EOFException("archive ends inside a member");
            }
            if (sha != null) {
                sha.update(buf, 0, n);
            }
            size -= n;
        }
    }
}
