package io.reqldb.tools.bench;

import static com.rethinkdb.RethinkDB.r;

import com.rethinkdb.net.Connection;
import io.reqldb.tools.cli.ToolMain;
import io.reqldb.tools.conn.Endpoint;
import io.reqldb.tools.format.JsonArrayRowWriter;
import io.reqldb.tools.format.RowWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * End-to-end throughput and peak memory of import, dump and restore, each run as its own
 * process (heap capped at 256 MiB, so memory that grew with table size would fail loudly).
 * Documents are about 850 bytes of JSON, as in the reference figures (official Python
 * tools against RethinkDB 2.4.4, 100k documents: dump 4.2 s, restore 14.8 s).
 *
 * <p>Run against a server (ReqlDB or RethinkDB) with, for 100k and 1M documents:
 * <pre>
 * mvn -o -q -pl tools test-compile
 * java -cp "$(cat tools/target/bench.cp)" io.reqldb.tools.bench.DumpRestoreBenchmark \
 *     [--launcher bin/reqldb] localhost:28015 100000 1000000
 * </pre>
 * ({@code tools/target/bench.cp}: {@code mvn -o -q -pl tools dependency:build-classpath
 * -Dmdep.outputFile=target/bench.cp} plus {@code :target/classes:target/test-classes}.)
 * With {@code --launcher}, each step is the real command ({@code bin/reqldb dump ...}, with
 * {@code JAVA_OPTS=-Xmx256m}), JVM settings and class data sharing archive included; a round of
 * 1000 documents runs first, unreported, so that the archives exist. Without it, each step is a
 * plain JVM on the test class path. The benchmark checks the restored row count, so it cannot
 * "win" by doing nothing.
 */
public final class DumpRestoreBenchmark {
    private static final String DB = "bench";
    private static final String TABLE = "docs";

    private DumpRestoreBenchmark() {}

    /** The {@code bin/reqldb} to run, or null for a JVM on the test class path. */
    private static String launcher;

    public static void main(String[] args) throws Exception {
        int first = 0;
        if (args[0].equals("--launcher")) {
            launcher = args[1];
            first = 2;
        }
        String[] hostPort = args[first].split(":");
        Endpoint endpoint = new Endpoint(hostPort[0], Integer.parseInt(hostPort[1]), "admin", "", null);
        Path work = Files.createTempDirectory("reqldb-bench");
        if (launcher != null) {
            run(endpoint, work, 1000, false);
        }
        System.out.printf("%-10s %-8s %10s %12s %12s %10s%n", "docs", "step", "seconds", "docs/s", "MB/s", "peak RSS");
        for (int i = first + 1; i < args.length; i++) {
            run(endpoint, work, Integer.parseInt(args[i]), true);
        }
        Files.deleteIfExists(work.resolve("journal"));
        Files.delete(work);
    }

    private static void run(Endpoint endpoint, Path work, int docs, boolean reported) throws Exception {
        Path data = work.resolve("docs-" + docs + ".json");
        generate(data, docs);
        long bytes = Files.size(data);
        try (Connection conn = endpoint.connect()) {
            r.expr(r.array(DB)).setIntersection(r.dbList()).forEach(db -> r.dbDrop(db)).run(conn);
        }
        Measured imported = tool(endpoint, "import", "-f", data.toString(), "--table", DB + "." + TABLE, "-q");
        Path archive = work.resolve("dump-" + docs + ".tar.gz");
        Measured dumped = tool(endpoint, "dump", "-e", DB, "-f", archive.toString(), "-q", "--overwrite-file");
        try (Connection conn = endpoint.connect()) {
            r.dbDrop(DB).run(conn);
        }
        Measured restored = tool(endpoint, "restore", archive.toString(), "-q",
                "--journal", work.resolve("journal").toString());
        if (reported) {
            report(docs, "import", bytes, imported);
            report(docs, "dump", bytes, dumped);
            report(docs, "restore", bytes, restored);
        }
        try (Connection conn = endpoint.connect()) {
            long count = ((Number) r.db(DB).table(TABLE).count().run(conn).single()).longValue();
            if (count != docs) {
                throw new IllegalStateException("restored " + count + " of " + docs + " documents");
            }
            r.dbDrop(DB).run(conn);
        }
        Files.deleteIfExists(archive);
        Files.deleteIfExists(data);
    }

    private record Measured(double seconds, long peakRssKb) {}

    private static void report(int docs, String step, long bytes, Measured m) {
        System.out.printf("%-10d %-8s %10.2f %12.0f %12.1f %7d MiB%n", docs, step, m.seconds(), docs / m.seconds(),
                bytes / 1e6 / m.seconds(), m.peakRssKb() / 1024);
    }

    /** Runs one tool in a child process, sampling its resident memory until it exits. */
    private static Measured tool(Endpoint endpoint, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        if (launcher != null) {
            command.add(launcher);
        } else {
            command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-cp", System.getProperty("java.class.path"), ToolMain.class.getName()));
        }
        command.addAll(List.of(args));
        command.addAll(List.of("-c", endpoint.address()));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put("JAVA_OPTS", "-Xmx256m");
        long start = System.nanoTime();
        Process process = builder.start();
        Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
        long peak = 0;
        while (process.isAlive()) {
            peak = Math.max(peak, rssKb(status));
            Thread.sleep(20);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", args) + " failed with exit code " + process.exitValue());
        }
        return new Measured(seconds, peak);
    }

    private static long rssKb(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // The process ended between the check and the read.
        }
        return 0;
    }

    /** Documents of about 850 bytes: strings, numbers, a nested object, an array and a TIME. */
    static void generate(Path file, int docs) throws IOException {
        Random random = new Random(42);
        try (RowWriter writer = new JsonArrayRowWriter(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            for (int i = 0; i < docs; i++) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("active", random.nextBoolean());
                doc.put("address", Map.of("city", "City " + random.nextInt(1000), "street", random.nextInt(999) + " Long Street Name",
                        "zip", String.format("%05d", random.nextInt(100000))));
                doc.put("age", 18 + random.nextInt(70));
                doc.put("bio", "x".repeat(380 + random.nextInt(40)));
                doc.put("created", Map.of("$reql_type$", "TIME", "epoch_time", 1.5e9 + random.nextInt(100_000_000),
                        "timezone", "+00:00"));
                doc.put("email", "user" + i + "@example.org");
                doc.put("id", String.format("doc-%09d", i));
                doc.put("name", "User Number " + i);
                doc.put("score", Math.round(random.nextDouble() * 100_000) / 100.0);
                doc.put("tags", List.of("alpha", "beta", "gamma", "tag" + random.nextInt(50)));
                writer.write(doc);
            }
        }
    }
}
