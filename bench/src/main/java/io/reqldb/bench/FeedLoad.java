package io.reqldb.bench;

import static com.rethinkdb.RethinkDB.r;

import com.rethinkdb.net.Connection;
import io.reqldb.server.wire.RawWireClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Changefeed load over the network: write throughput with 0, 10 and 100 open
 * {@code table.changes()} feeds, each on its own connection as separate clients would hold them,
 * and the delay from a write's acknowledgement to its delivery on the feeds (median and p99).
 *
 * <p>Writers ({@code --clients} connections) insert single small documents with soft durability
 * for {@code --seconds}, one at a time each, noting when each insert was acknowledged (after its
 * commit). Readers ask for batch after batch (CONTINUE) as a driver does. Both speak the protocol
 * through {@link RawWireClient}: prepared queries out, response bytes scanned for ids, no values
 * built, so the figures measure the server, not the client (the official Java driver is so much
 * costlier per query that it measured mostly itself: 1.9k writes/s with no feed at all).
 * Every feed must see every write, so the benchmark cannot win by dropping changes.
 *
 * <p>Prints writes/s, delivered/s (writes over the time until every feed had them all), the
 * delivery delay, and, given {@code --server-pid}, the server's CPU time per write, which a
 * machine shared with other work distorts far less than rates. Each measured round follows an
 * unmeasured warm-up round. Run against a running server: {@code java -cp
 * bench/target/reqldb-bench.jar io.reqldb.bench.FeedLoad --port 28015 [--server-pid PID]
 * [--clients 8] [--seconds 10] [--feeds 0,10,100]}.
 */
public final class FeedLoad {
    private static final String DB = "bench_feeds";
    private static final String TABLE = "events";
    private static final String TABLE_TERM = "[15,[[14,[\"" + DB + "\"]],\"" + TABLE + "\"]]";
    private static final String PAYLOAD = "x".repeat(100);
    private static final byte[] ID_MARK = "\"new_val\":{\"id\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ERROR_MARK = "{\"error\":".getBytes(StandardCharsets.US_ASCII);
    private static final int SUCCESS_PARTIAL = 3;

    private final String host;
    private final int port;
    private final int clients;
    private final long seconds;
    private final ProcessHandle server;

    private FeedLoad(String host, int port, int clients, long seconds, ProcessHandle server) {
        this.host = host;
        this.port = port;
        this.clients = clients;
        this.seconds = seconds;
        this.server = server;
    }

    public static void main(String[] args) throws Exception {
        BenchOptions opts = new BenchOptions(args);
        String pid = opts.string("server-pid", "");
        FeedLoad load = new FeedLoad(opts.string("host", "127.0.0.1"),
                opts.integer("port", 28015),
                opts.integer("clients", 8),
                opts.seconds(10),
                pid.isEmpty() ? null : ProcessHandle.of(Long.parseLong(pid)).orElseThrow());
        for (String n : opts.string("feeds", "0,10,100").split(",")) {
            int feeds = Integer.parseInt(n.trim());
            load.run(feeds, Math.max(1, load.seconds / 2), false);
            load.run(feeds, load.seconds, true);
        }
    }

    private void run(int feeds, long runSeconds, boolean report) throws Exception {
        try (Connection c = r.connection().hostname(host).port(port).connect()) {
            BenchOptions.recreateDatabase(c, DB);
            r.db(DB).tableCreate(TABLE).run(c);
        }
        ExecutorService pool = Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task);
            t.setDaemon(true);
            return t;
        });
        List<RawWireClient> open = new ArrayList<>();
        try {
            Map<Long, Long> acked = new ConcurrentHashMap<>();
            AtomicLong total = new AtomicLong(-1);
            List<Future<long[]>> readers = new ArrayList<>();
            for (int f = 0; f < feeds; f++) {
                RawWireClient feed = new RawWireClient(host, port);
                open.add(feed);
                feed.send(1, "[1,[152,[" + TABLE_TERM + "]],{}]");
                check(feed.readBody());
                readers.add(pool.submit(() -> read(feed, acked, total)));
            }
            AtomicLong nextId = new AtomicLong();
            Duration serverCpuAtStart = serverCpu();
            long start = System.nanoTime();
            long deadline = start + TimeUnit.SECONDS.toNanos(runSeconds);
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < clients; w++) {
                RawWireClient conn = new RawWireClient(host, port);
                open.add(conn);
                writers.add(pool.submit(() -> {
                    for (long token = 1; System.nanoTime() < deadline; token++) {
                        long id = nextId.getAndIncrement();
                        insert(conn, token, id);
                        if ((id & 7) == 0) {
                            acked.put(id, System.nanoTime());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> w : writers) {
                w.get();
            }
            long writeNanos = System.nanoTime() - start;
            long writes = nextId.get();
            total.set(writes);
            try (RawWireClient last = new RawWireClient(host, port)) {
                insert(last, 1, -1);
            }
            List<long[]> delays = new ArrayList<>();
            for (Future<long[]> rd : readers) {
                delays.add(rd.get(120, TimeUnit.SECONDS));
            }
            long allDelivered = System.nanoTime() - start;
            Duration serverCpu = serverCpu().minus(serverCpuAtStart);
            if (!report) {
                return;
            }
            String delay = "";
            long[] all = delays.stream().flatMapToLong(Arrays::stream).filter(x -> x > 0).sorted().toArray();
            if (all.length > 0) {
                delay = String.format("  ack to delivery: median %.2f ms, p99 %.2f ms",
                        all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6);
            }
            String cpu = server == null ? "" : String.format(", %5.1f us server CPU per write",
                    serverCpu.toNanos() / 1e3 / writes);
            System.out.printf("%3d feeds: %7.0f writes/s, %7.0f delivered/s%s%s%n", feeds,
                    writes / (writeNanos / 1e9), writes / (allDelivered / 1e9), cpu, delay);
        } finally {
            pool.shutdownNow();
            for (RawWireClient c : open) {
                c.close();
            }
        }
    }

    private Duration serverCpu() {
        return server == null ? Duration.ZERO : server.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private static void insert(RawWireClient conn, long token, long id) throws IOException {
        conn.send(token, "[1,[56,[" + TABLE_TERM + ",{\"id\":" + id + ",\"payload\":\"" + PAYLOAD
                + "\"}],{\"durability\":\"soft\"}],{}]");
        byte[] body = conn.readBody();
        if (RawWireClient.responseType(body) != 1) {
            throw new IllegalStateException("insert failed: " + new String(body, StandardCharsets.UTF_8));
        }
    }

    private static byte[] check(byte[] body) {
        if (RawWireClient.responseType(body) != SUCCESS_PARTIAL || indexOf(body, ERROR_MARK, 0) >= 0) {
            throw new IllegalStateException("feed failed: " + new String(body, StandardCharsets.UTF_8));
        }
        return body;
    }

    /**
     * Reads one feed, batch by batch, up to the end marker (id -1, written after every counted
     * write); returns sampled delays from acknowledgement to arrival.
     */
    private static long[] read(RawWireClient feed, Map<Long, Long> acked, AtomicLong total) throws IOException {
        long[] samples = new long[1 << 16];
        int s = 0;
        long seen = 0;
        while (true) {
            feed.send(1, "[2]");
            byte[] body = check(feed.readBody());
            long now = System.nanoTime();
            for (int at = indexOf(body, ID_MARK, 0); at >= 0; at = indexOf(body, ID_MARK, at)) {
                at += ID_MARK.length;
                long id = parseLong(body, at);
                if (id < 0) {
                    if (seen != total.get()) {
                        throw new IllegalStateException("a feed saw " + seen + " of " + total.get() + " writes");
                    }
                    return Arrays.copyOf(samples, s);
                }
                Long ack = acked.get(id);
                if (ack != null && s < samples.length) {
                    samples[s++] = Math.max(1, now - ack);
                }
                seen++;
            }
        }
    }

    private static int indexOf(byte[] body, byte[] mark, int from) {
        outer:
        for (int i = from; i <= body.length - mark.length; i++) {
            for (int j = 0; j < mark.length; j++) {
                if (body[i + j] != mark[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static long parseLong(byte[] body, int at) {
        boolean negative = body[at] == '-';
        long v = 0;
        for (int i = negative ? at + 1 : at; body[i] >= '0' && body[i] <= '9'; i++) {
            v = v * 10 + body[i] - '0';
        }
        return negative ? -v : v;
    }
}
