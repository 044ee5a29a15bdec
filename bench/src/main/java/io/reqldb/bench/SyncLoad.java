package io.reqldb.bench;

import static com.rethinkdb.RethinkDB.r;

import com.rethinkdb.net.Connection;
import io.reqldb.tools.conn.Endpoint;
import io.reqldb.tools.export.TableRef;
import io.reqldb.tools.sync.Syncer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live migration under load: fills a source table with {@code --docs} documents, then runs
 * {@code sync} into the target while writers insert, update and delete at {@code --rate} writes
 * per second in all. Prints the time from the start of the sync to its first {@code In sync},
 * then, for {@code --steady-seconds}, the steady lag: a probe row is written on the source five
 * times a second and the target polled until it shows that write (end to end: feed, client,
 * target write). Finally the writers stop and the sync catches up, verifies and must report
 * equality, so the run cannot win by dropping changes.
 *
 * <p>Two running servers: {@code java -cp bench/target/reqldb-bench.jar io.reqldb.bench.SyncLoad
 * --source-port 28015 --target-port 28016 [--docs 1000000] [--rate 1000] [--steady-seconds 60] [--writers 16]}
 * (writers: connections sharing the rate, each waiting for its write's answer).
 * The database {@code syncbench} is recreated on the source and dropped on the target.
 */
public final class SyncLoad {
    private static final String DB = "syncbench";
    private static final String TABLE = "docs";
    private static final int FILL_BATCH = 2000;
    private static final long PROBE_EVERY_MS = 200;

    private final Endpoint source;
    private final Endpoint target;
    private final int docs;
    private final int rate;
    private final long steadySeconds;
    private final int writers;
    private final AtomicLong writes = new AtomicLong();
    private final AtomicBoolean stopWriters = new AtomicBoolean();
    private final AtomicBoolean stopSync = new AtomicBoolean();
    private volatile long inSyncAt;

    private SyncLoad(Endpoint source, Endpoint target, int docs, int rate, long steadySeconds, int writers) {
        this.source = source;
        this.target = target;
        this.docs = docs;
        this.rate = rate;
        this.steadySeconds = steadySeconds;
        this.writers = writers;
    }

    public static void main(String[] args) throws Exception {
        BenchOptions opts = new BenchOptions(args);
        String host = opts.string("host", "127.0.0.1");
        new SyncLoad(new Endpoint(host, opts.integer("source-port", 28015), "admin", "", null),
                new Endpoint(host, opts.integer("target-port", 28016), "admin", "", null),
                opts.integer("docs", 1_000_000), opts.integer("rate", 1000),
                Long.parseLong(opts.string("steady-seconds", "60")), opts.integer("writers", 16)).run();
    }

    private void run() throws Exception {
        fill();
        ExecutorService writerThreads = Executors.newFixedThreadPool(writers);
        List<CompletableFuture<Void>> writing = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int seed = w;
            writing.add(CompletableFuture.runAsync(() -> write(seed), writerThreads));
        }
        long writesBefore = writes.get();
        long start = System.nanoTime();
        CompletableFuture<Syncer.Outcome> sync = CompletableFuture.supplyAsync(() -> new Syncer(source, target,
                new Syncer.Settings(null, 10, null, false), this::heard, stopSync::get).run(List.of(new TableRef(DB, TABLE))));
        while (inSyncAt == 0 && !sync.isDone()) {
            Thread.sleep(100);
        }
        if (sync.isDone()) {
            throw new IllegalStateException("sync ended before it was in sync: " + sync.get());
        }
        double toInSync = (inSyncAt - start) / 1e9;
        double rateDuringCopy = (writes.get() - writesBefore) / toInSync;
        System.out.printf("first in sync: %.1f s for %,d documents (%,.0f rows/s) with %.0f writes/s going on%n",
                toInSync, docs, docs / toInSync, rateDuringCopy);

        long steadyStart = System.nanoTime();
        long steadyWrites = writes.get();
        List<Double> lags = probe();
        double steadyRate = (writes.get() - steadyWrites) / ((System.nanoTime() - steadyStart) / 1e9);
        Collections.sort(lags);
        System.out.printf("steady lag over %d s at %.0f writes/s (%d probes, source write to visible on target): "
                + "median %.1f ms, p99 %.1f ms, max %.1f ms%n", steadySeconds, steadyRate, lags.size(),
                percentile(lags, 0.5), percentile(lags, 0.99), lags.get(lags.size() - 1));

        stopWriters.set(true);
        CompletableFuture.allOf(writing.toArray(CompletableFuture[]::new)).get();
        writerThreads.shutdown();
        long stopAsked = System.nanoTime();
        stopSync.set(true);
        Syncer.Outcome outcome = sync.get();
        System.out.printf("stopped, caught up and verified in %.1f s: %s%n", (System.nanoTime() - stopAsked) / 1e9,
                outcome.equal() ? "equal" : "DIFFERENT");
        if (!outcome.equal()) {
            System.exit(1);
        }
    }

    private void heard(String line) {
        if (line.startsWith("In sync") && inSyncAt == 0) {
            inSyncAt = System.nanoTime();
        }
        if (line.startsWith("In sync") || line.contains("re-reading") || line.contains("refused")) {
            System.out.println("  sync: " + line);
        }
    }

    /** The source table with {@code docs} documents of about 200 bytes; the target without it. */
    private void fill() {
        try (Connection dst = target.connect()) {
            if (((List<?>) r.dbList().run(dst).single()).contains(DB)) {
                r.dbDrop(DB).run(dst);
            }
        }
        long start = System.nanoTime();
        try (Connection src = source.connect()) {
            BenchOptions.recreateDatabase(src, DB);
            r.db(DB).tableCreate(TABLE).run(src);
            for (int from = 0; from < docs; from += FILL_BATCH) {
                r.db(DB).table(TABLE).insert(r.range(from, Math.min(docs, from + FILL_BATCH))
                        .map(i -> document(i, 0))).optArg("durability", "soft").run(src);
            }
            r.db(DB).table(TABLE).sync().run(src);
        }
        System.out.printf("filled the source with %,d documents in %.1f s%n", docs, (System.nanoTime() - start) / 1e9);
    }

    private static Object document(Object id, int version) {
        return r.hashMap("id", id).with("version", version).with("group", r.expr(id).mod(100))
                .with("name", r.expr("user ").add(r.expr(id).coerceTo("string")))
                .with("text", "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.")
                .with("tags", r.array("a", "b", "c")).with("score", r.expr(id).mul(0.5));
    }

    /** One writer's share of the rate, on a fixed schedule: a third inserts, updates, deletes. */
    private void write(int seed) {
        long intervalNanos = 1_000_000_000L * writers / rate;
        long next = System.nanoTime();
        long nextId = docs + seed;
        try (Connection conn = source.connect()) {
            var table = r.db(DB).table(TABLE);
            while (!stopWriters.get()) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    sleepNanos(wait);
                }
                next += intervalNanos;
                int id = ThreadLocalRandom.current().nextInt(docs);
                switch (ThreadLocalRandom.current().nextInt(3)) {
                    case 0 -> {
                        table.insert(document(nextId, 1)).run(conn);
                        nextId += writers;
                    }
                    case 1 -> table.get(id).update(row -> r.hashMap("version", row.g("version").default_(0).add(1)))
                            .run(conn);
                    default -> table.get(id).delete().run(conn);
                }
                writes.incrementAndGet();
            }
        }
    }

    /** Lag samples in milliseconds, one per probe, for {@code steadySeconds}. */
    private List<Double> probe() throws InterruptedException {
        List<Double> lags = new ArrayList<>();
        long end = System.nanoTime() + steadySeconds * 1_000_000_000L;
        try (Connection src = source.connect(); Connection dst = target.connect()) {
            for (long seq = 1; System.nanoTime() < end; seq++) {
                long written = System.nanoTime();
                r.db(DB).table(TABLE).insert(r.hashMap("id", "probe").with("seq", seq)).optArg("conflict", "replace")
                        .run(src);
                while (!seen(dst, seq)) {
                    Thread.sleep(1);
                }
                lags.add((System.nanoTime() - written) / 1e6);
                Thread.sleep(PROBE_EVERY_MS);
            }
        }
        return lags;
    }

    private static boolean seen(Connection dst, long seq) {
        Object row = r.db(DB).table(TABLE).get("probe").run(dst).single();
        return row instanceof Map<?, ?> m && m.get("seq") instanceof Number n && n.longValue() >= seq;
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size())));
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
