package io.reqldb.bench;

import static com.rethinkdb.RethinkDB.r;

import com.rethinkdb.net.Connection;
import com.rethinkdb.net.Result;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Changefeed load: write throughput with 0, 10 and 100 open {@code table.changes()} feeds, and the
 * delay from a write to its delivery on the feeds (median and p99).
 *
 * <p>Writers ({@code --clients} connections) insert single small documents with soft durability
 * for {@code --seconds}, noting the {@link System#nanoTime} at which each insert was acknowledged
 * (after its commit). Feed readers run in the same JVM, so the clocks agree: the delay reported
 * is from that acknowledgement to the change's arrival on a feed. A change that arrives before the
 * writer saw its acknowledgement gives no sample, which biases the figures up, not down.
 *
 * <p>Run against a running server: {@code java -cp bench/target/reqldb-bench.jar
 * io.reqldb.bench.FeedLoad --port 28015 [--clients 8] [--seconds 10] [--feeds 0,10,100]}.
 * Every feed must see every write, so the benchmark cannot win by dropping changes.
 */
public final class FeedLoad {
    private static final String DB = "bench_feeds";
    private static final String TABLE = "events";

    private final String host;
    private final int port;
    private final int clients;
    private final long seconds;

    private FeedLoad(String host, int port, int clients, long seconds) {
        this.host = host;
        this.port = port;
        this.clients = clients;
        this.seconds = seconds;
    }

    public static void main(String[] args) throws Exception {
        BenchOptions opts = new BenchOptions(args);
        FeedLoad load = new FeedLoad(opts.string("host", "127.0.0.1"),
                opts.integer("port", 28015),
                opts.integer("clients", 8),
                opts.seconds(10));
        for (String n : opts.string("feeds", "0,10,100").split(",")) {
            load.run(Integer.parseInt(n.trim()));
        }
    }

    private Connection connect() {
        return r.connection().hostname(host).port(port).connect();
    }

    private void run(int feeds) throws Exception {
        try (Connection c = connect()) {
            BenchOptions.recreateDatabase(c, DB);
            r.db(DB).tableCreate(TABLE).run(c);
        }
        ExecutorService pool = Executors.newCachedThreadPool();
        List<Connection> feedConns = new ArrayList<>();
        Map<Long, Long> acked = new java.util.concurrent.ConcurrentHashMap<>();
        List<long[]> delays = new ArrayList<>();
        List<Future<Long>> readers = new ArrayList<>();
        AtomicLong written = new AtomicLong();
        try {
            for (int f = 0; f < feeds; f++) {
                if (f % 10 == 0) {
                    feedConns.add(connect());
                }
                Connection conn = feedConns.get(feedConns.size() - 1);
                Result<Object> cursor = r.db(DB).table(TABLE).changes().run(conn);
                // The driver's default fetch mode can stall a feed read batch by batch (a race
                // between its reader and response threads); AGGRESSIVE always asks for more.
                cursor.overrideFetchMode(Result.FetchMode.AGGRESSIVE);
                long[] samples = new long[1 << 16];
                delays.add(samples);
                readers.add(pool.submit(() -> read(cursor, acked, samples, written)));
            }
            AtomicLong nextId = new AtomicLong();
            LongAdder ops = new LongAdder();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < clients; w++) {
                writers.add(pool.submit(() -> {
                    try (Connection conn = connect()) {
                        while (System.nanoTime() < deadline) {
                            long id = nextId.getAndIncrement();
                            Map<String, Object> doc = Map.of("id", id, "payload", "x".repeat(100));
                            r.db(DB).table(TABLE).insert(doc).optArg("durability", "soft").run(conn);
                            acked.put(id, System.nanoTime());
                            ops.increment();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> w : writers) {
                w.get();
            }
            written.set(nextId.get());
            long total = ops.sum();
            long seen = 0;
            for (Future<Long> rd : readers) {
                seen += rd.get(120, TimeUnit.SECONDS);
            }
            if (seen != total * feeds) {
                throw new IllegalStateException("feeds saw " + seen + " changes, expected " + total * feeds);
            }
            String delay = "";
            if (feeds > 0) {
                long[] all = delays.stream().flatMapToLong(Arrays::stream).filter(x -> x > 0).sorted().toArray();
                if (all.length > 0) {
                    delay = String.format("  delivery after commit: median %.2f ms, p99 %.2f ms",
                            all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6);
                }
            }
            System.out.printf("%3d feeds: %8.0f writes/s%s%n", feeds, total / (double) seconds, delay);
        } finally {
            feedConns.forEach(Connection::close);
            pool.shutdownNow();
        }
    }

    /** Reads one feed until it has seen every write; samples commit-to-delivery delays. */
    private static long read(Result<Object> cursor, Map<Long, Long> acked, long[] samples, AtomicLong written) {
        long seen = 0;
        int s = 0;
        while (written.get() == 0 || seen < written.get()) {
            Object change;
            try {
                // Polls: the number of writes is only known once the writers stop.
                change = cursor.next(200, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                continue;
            }
            long now = System.nanoTime();
            Object id = ((Map<?, ?>) ((Map<?, ?>) change).get("new_val")).get("id");
            Long ack = acked.get(((Number) id).longValue());
            if (ack != null && s < samples.length) {
                samples[s++] = Math.max(1, now - ack);
            }
            seen++;
        }
        cursor.close();
        return seen;
    }
}
