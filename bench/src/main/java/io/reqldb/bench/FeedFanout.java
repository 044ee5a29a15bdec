package io.reqldb.bench;

import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumJson;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.QueryResult;
import io.reqldb.query.ResultStream;
import io.reqldb.query.RqlQueryEngine;
import io.reqldb.query.Session;
import io.reqldb.query.eval.StoreCatalog;
import io.reqldb.storage.Durability;
import io.reqldb.storage.Table;
import io.reqldb.storage.TableOptions;
import io.reqldb.storage.rocksdb.RocksStore;
import io.reqldb.storage.rocksdb.RocksStoreOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Changefeed fan-out inside one process, without the network: the server-side cost of feeds.
 * Writers commit single small documents straight to the RocksDB table (soft durability) for
 * {@code --seconds}; {@code r.table('t').changes()} feeds opened through the ReQL engine are read
 * batch by batch the way the network layer reads them. Every feed must see every write, so the
 * benchmark cannot win by dropping changes (a queue overflow fails the run).
 *
 * <p>Prints, for 0, 10 and 100 feeds: the writers' rate; the delivered rate, writes divided by the
 * time until the last feed had them all (what the system sustains; feeds that fall behind pull it
 * down); the process CPU time per write (after an unmeasured warm-up round), which a machine
 * shared with other work distorts far less than rates; and the delay from commit (the writer's clock right after {@code modify}
 * returned) to a reader getting the change, median and p99.
 *
 * <p>Run: {@code java -cp bench/target/reqldb-bench.jar io.reqldb.bench.FeedFanout [--writers 4]
 * [--seconds 5] [--feeds 0,10,100]}. The network figures come from {@link FeedLoad}.
 */
public final class FeedFanout {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    public static void main(String[] args) throws Exception {
        BenchOptions opts = new BenchOptions(args);
        int writers = opts.integer("writers", 4);
        long seconds = opts.seconds(5);
        for (String n : opts.string("feeds", "0,10,100").split(",")) {
            int feeds = Integer.parseInt(n.trim());
            // An unmeasured round first: compiling the hot paths would otherwise cost a 5-second
            // run a quarter of its CPU time.
            run(feeds, writers, Math.max(1, seconds / 2), false);
            run(feeds, writers, seconds, true);
        }
    }

    private static void run(int feeds, int writers, long seconds, boolean report) throws Exception {
        Path dir = Files.createTempDirectory("reqldb-feed-bench");
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        });
        try (RocksStore store = RocksStore.open(dir, new RocksStoreOptions(64, 32))) {
            store.createDatabase("test");
            store.createTable("test", "t", TableOptions.DEFAULT);
            Table table = store.table("test", "t");
            RqlQueryEngine engine = new RqlQueryEngine(store, new StoreCatalog(store));
            Map<Long, Long> committed = new java.util.concurrent.ConcurrentHashMap<>();
            AtomicLong total = new AtomicLong(-1);
            List<Future<long[]>> readers = new ArrayList<>();
            for (int f = 0; f < feeds; f++) {
                QueryResult r = engine.start(DatumJson.parse("[152,[[15,[\"t\"]]]]"), ObjectDatum.EMPTY,
                        new Session("admin", f));
                ResultStream stream = ((QueryResult.Stream) r).stream();
                stream.nextBatch(1000, 1 << 20);
                readers.add(pool.submit(() -> read(stream, committed, total)));
            }
            AtomicLong nextId = new AtomicLong();
            long cpuAtStart = OS.getProcessCpuTime();
            long start = System.nanoTime();
            long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                work.add(pool.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        long id = nextId.getAndIncrement();
                        TreeMap<String, Datum> m = ObjectDatum.newFieldMap();
                        m.put("id", NumberDatum.of(id));
                        m.put("payload", new StringDatum("x".repeat(100)));
                        ObjectDatum doc = ObjectDatum.wrap(m);
                        table.modify(NumberDatum.of(id), old -> doc, Durability.SOFT);
                        committed.put(id, System.nanoTime());
                    }
                    return null;
                }));
            }
            for (Future<?> w : work) {
                w.get();
            }
            long writeNanos = System.nanoTime() - start;
            long writes = nextId.get();
            total.set(writes);
            ObjectDatum end = ObjectDatum.of("id", NumberDatum.of(-1));
            table.modify(NumberDatum.of(-1), old -> end, Durability.SOFT);
            List<long[]> delays = new ArrayList<>();
            for (Future<long[]> rd : readers) {
                delays.add(rd.get(120, TimeUnit.SECONDS));
            }
            long allDelivered = System.nanoTime() - start;
            long cpu = OS.getProcessCpuTime() - cpuAtStart;
            String delay = "";
            long[] all = delays.stream().flatMapToLong(Arrays::stream).filter(x -> x > 0).sorted().toArray();
            if (all.length > 0) {
                delay = String.format("  commit to delivery: median %.3f ms, p99 %.3f ms",
                        all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6);
            }
            if (!report) {
                return;
            }
            System.out.printf("%3d feeds: %8.0f writes/s, %8.0f delivered/s, %5.1f us CPU per write%s%n", feeds,
                    writes / (writeNanos / 1e9), writes / (allDelivered / 1e9), cpu / 1e3 / writes, delay);
        } finally {
            pool.shutdownNow();
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * Reads one feed up to the end marker (id -1, written after all counted writes); returns
     * sampled commit-to-delivery delays. Only sampled changes are taken apart, so the reader's own
     * work (a client's, in a real deployment) weighs little in the figures.
     */
    private static long[] read(ResultStream stream, Map<Long, Long> committed, AtomicLong total) {
        long[] samples = new long[1 << 14];
        int s = 0;
        long seen = 0;
        while (true) {
            List<Datum> batch = stream.nextBatch(1000, 1 << 20);
            long now = System.nanoTime();
            for (Datum change : batch) {
                if (((ObjectDatum) change).size() != 2) {
                    throw new IllegalStateException("a feed fell behind and lost changes: " + change);
                }
                boolean sampled = (seen & 7) == 0;
                if (seen == total.get() || sampled) {
                    long id = idOf(change);
                    if (id < 0) {
                        stream.close();
                        if (seen != total.get()) {
                            throw new IllegalStateException("a feed saw " + seen + " of " + total.get() + " writes");
                        }
                        return Arrays.copyOf(samples, s);
                    }
                    Long at = committed.get(id);
                    if (at != null && s < samples.length) {
                        samples[s++] = Math.max(1, now - at);
                    }
                }
                seen++;
            }
        }
    }

    private static long idOf(Datum change) {
        return (long) ((NumberDatum) ((ObjectDatum) ((ObjectDatum) change).get("new_val")).get("id")).value();
    }
}
