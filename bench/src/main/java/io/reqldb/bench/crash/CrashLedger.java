package io.reqldb.bench.crash;

import static com.rethinkdb.RethinkDB.r;

import com.rethinkdb.net.Connection;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The crash ledger: N cycles of a mixed load (inserts, updates, deletes, hard and soft
 * durability, several connections through the official driver) against a real
 * {@code reqldb serve}, each ended by SIGKILL at a random moment, then a restart and a check of
 * the table against the ledger of acknowledged writes ({@link LedgerCheck}).
 *
 * <pre>
 * java -cp bench/target/reqldb-bench.jar io.reqldb.bench.crash.CrashLedger [--cycles 10] [--writers 4]
 *     [--min-ms 500] [--max-ms 3000] [--min-writes 20] [--seed N] [--dir PATH] [--server "bin/reqldb serve"]
 * </pre>
 * The kill comes after a random time between the two bounds, and not before the cycle has
 * {@code --min-writes} acknowledged writes (so a slow start still gets load), or a minute.
 * Exits with 1 when any check found a problem.
 */
public final class CrashLedger {
    /** What a run is asked to do. {@code server} is null for this JVM's class path. */
    public record Settings(int cycles, int writers, int minLoadMs, int maxLoadMs, int minWrites, long seed,
                           Path dir, List<String> server) {
    }

    /** Totals of a run; {@code problems} is empty when every check passed. */
    public record Summary(int cycles, long acknowledged, long acknowledgedHard, int documents, int softLosses,
                          List<String> problems) {
    }

    private CrashLedger() {
    }

    public static void main(String[] args) throws Exception {
        List<String> a = Arrays.asList(args);
        String dir = option(a, "--dir", null);
        String server = option(a, "--server", null);
        Settings settings = new Settings(
                Integer.parseInt(option(a, "--cycles", "10")),
                Integer.parseInt(option(a, "--writers", "4")),
                Integer.parseInt(option(a, "--min-ms", "500")),
                Integer.parseInt(option(a, "--max-ms", "3000")),
                Integer.parseInt(option(a, "--min-writes", "20")),
                Long.parseLong(option(a, "--seed", Long.toString(System.nanoTime()))),
                dir != null ? Path.of(dir) : Files.createTempDirectory("crash-ledger-"),
                server != null ? List.of(server.trim().split("\\s+")) : null);
        Summary summary = run(settings, System.out);
        System.exit(summary.problems().isEmpty() ? 0 : 1);
    }

    /** Runs the cycles, printing one line per cycle to {@code out}. */
    public static Summary run(Settings s, PrintStream out) throws IOException, InterruptedException {
        Path data = s.dir().resolve("data");
        Path log = s.dir().resolve("serve.log");
        out.printf("crash ledger: %d cycles, %d writers, seed %d, data in %s%n", s.cycles(), s.writers(), s.seed(), data);
        SplittableRandom random = new SplittableRandom(s.seed());
        ServeProcess server = ServeProcess.start(s.server(), data, log);
        List<LedgerWriter> writers = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int documents = 0;
        int softLosses = 0;
        try {
            try (Connection c = server.connect()) {
                createTable(c);
            }
            for (int w = 0; w < s.writers(); w++) {
                writers.add(new LedgerWriter(w, random.nextLong(), server));
            }
            for (int cycle = 1; cycle <= s.cycles(); cycle++) {
                long ackedBefore = acknowledged(writers);
                List<Thread> threads = new ArrayList<>();
                for (LedgerWriter w : writers) {
                    Thread t = new Thread(w, "ledger-writer");
                    t.start();
                    threads.add(t);
                }
                Thread.sleep(s.minLoadMs() + random.nextInt(Math.max(1, s.maxLoadMs() - s.minLoadMs())));
                long waitUntil = System.nanoTime() + 60_000_000_000L;
                while (acknowledged(writers) - ackedBefore < s.minWrites() && System.nanoTime() < waitUntil) {
                    Thread.sleep(10);
                }
                server.kill();
                for (Thread t : threads) {
                    t.join(60_000);
                    if (t.isAlive()) {
                        problems.add("cycle " + cycle + ": a writer still waits for an answer a minute after the kill");
                    }
                }
                server = ServeProcess.start(s.server(), data, log);
                LedgerCheck check;
                try (Connection c = server.connect()) {
                    check = LedgerCheck.run(c, writers);
                }
                String prefix = "cycle " + cycle + ": ";
                for (LedgerWriter w : writers) {
                    w.restartedOn(server);
                    w.refused.forEach(p -> problems.add(prefix + p));
                    w.refused.clear();
                }
                check.problems.forEach(p -> problems.add(prefix + p));
                documents = check.documents;
                softLosses += check.softLosses;
                out.printf("cycle %d: %d writes acknowledged before SIGKILL, %d documents after restart, %d problems, "
                        + "%d soft-acknowledged writes lost%n", cycle, acknowledged(writers) - ackedBefore,
                        check.documents, check.problems.size(), check.softLosses);
                check.problems.stream().limit(10).forEach(p -> out.println("  " + p));
            }
        } finally {
            server.kill();
        }
        long hard = writers.stream().mapToLong(w -> w.acknowledgedHard).sum();
        Summary summary = new Summary(s.cycles(), acknowledged(writers), hard, documents, softLosses, problems);
        out.printf("crash ledger: %d cycles, %d writes acknowledged (%d hard), %d documents, %d problems, "
                + "%d soft-acknowledged writes lost%n", summary.cycles(), summary.acknowledged(), hard, documents,
                problems.size(), softLosses);
        return summary;
    }

    private static void createTable(Connection c) {
        r.dbCreate(LedgerDocs.DB).run(c);
        r.db(LedgerDocs.DB).tableCreate(LedgerDocs.TABLE).run(c);
        r.db(LedgerDocs.DB).table(LedgerDocs.TABLE).indexCreate(LedgerDocs.GROUP_INDEX).run(c);
        r.db(LedgerDocs.DB).table(LedgerDocs.TABLE).indexCreate(LedgerDocs.TAG_INDEX).optArg("multi", true).run(c);
        r.db(LedgerDocs.DB).table(LedgerDocs.TABLE).indexWait().run(c);
    }

    private static long acknowledged(List<LedgerWriter> writers) {
        return writers.stream().mapToLong(w -> w.acknowledged).sum();
    }

    private static String option(List<String> args, String name, String defaultValue) {
        int at = args.indexOf(name);
        return at >= 0 && at + 1 < args.size() ? args.get(at + 1) : defaultValue;
    }
}
