package io.reqldb.bench;

import io.reqldb.server.wire.RawWireClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code r.js} throughput over the network, in JavaScript calls per second, three ways:
 * <ul>
 *   <li>{@code same}: every query is {@code r.js('1 + 1')}, one script run per query;</li>
 *   <li>{@code distinct}: every query a new script ({@code r.js('<n> + 1')}), so no cache of
 *       compiled scripts can help;</li>
 *   <li>{@code map}: {@code r.range(100).map(r.js('(function(x) { return x * 2; })'))}, a
 *       function r.js returned called once per row (100 calls per query).</li>
 * </ul>
 * Clients ({@code --clients} connections) send one query at a time each for {@code --seconds}
 * after a warm-up round of the same length; every answer is checked to be a success, so the
 * benchmark cannot win by failing fast. Queries go out as prepared JSON through
 * {@link RawWireClient}, so the client costs little next to the server. Run against a running
 * server: {@code java -cp bench/target/reqldb-bench.jar io.reqldb.bench.JsLoad --port 28015
 * [--clients 4] [--seconds 10] [--cases same,distinct,map]}.
 */
public final class JsLoad {
    private static final int SUCCESS_ATOM = 1;
    private static final int SUCCESS_SEQUENCE = 2;
    private static final int MAP_ROWS = 100;

    private final String host;
    private final int port;
    private final int clients;
    private final long seconds;

    private JsLoad(String host, int port, int clients, long seconds) {
        this.host = host;
        this.port = port;
        this.clients = clients;
        this.seconds = seconds;
    }

    public static void main(String[] args) throws Exception {
        BenchOptions opts = new BenchOptions(args);
        JsLoad load = new JsLoad(opts.string("host", "127.0.0.1"), opts.integer("port", 28015),
                opts.integer("clients", 4), opts.seconds(10));
        for (String c : opts.string("cases", "same,distinct,map").split(",")) {
            String name = c.trim();
            load.run(name, false);
            double callsPerSecond = load.run(name, true);
            System.out.printf("%-8s %9.0f r.js calls/s (%d clients)%n", name, callsPerSecond, load.clients);
        }
    }

    /** Runs one case for the configured time; returns JavaScript calls per second. */
    private double run(String name, boolean measured) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicLong queries = new AtomicLong();
        AtomicLong distinct = new AtomicLong();
        List<RawWireClient> open = new ArrayList<>();
        try {
            long start = System.nanoTime();
            long deadline = start + TimeUnit.SECONDS.toNanos(measured ? seconds : Math.max(1, seconds / 2));
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                RawWireClient conn = new RawWireClient(host, port);
                open.add(conn);
                workers.add(pool.submit(() -> {
                    for (long token = 1; System.nanoTime() < deadline; token++) {
                        query(conn, token, name, distinct);
                        queries.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            return queries.get() * (name.equals("map") ? MAP_ROWS : 1) / elapsed;
        } finally {
            pool.shutdownNow();
            for (RawWireClient c : open) {
                c.close();
            }
        }
    }

    private static void query(RawWireClient conn, long token, String name, AtomicLong distinct) throws IOException {
        int expected = SUCCESS_ATOM;
        switch (name) {
            case "same" -> conn.send(token, "[1,[11,[\"1 + 1\"]],{}]");
            case "distinct" -> conn.send(token, "[1,[11,[\"" + distinct.incrementAndGet() + " + 1\"]],{}]");
            case "map" -> {
                conn.send(token, "[1,[38,[[173,[" + MAP_ROWS + "]],[11,[\"(function(x) { return x * 2; })\"]]]],{}]");
                expected = SUCCESS_SEQUENCE;
            }
            default -> throw new IllegalArgumentException("unknown case " + name + " (same, distinct, map)");
        }
        byte[] body = conn.readBody();
        if (RawWireClient.responseType(body) != expected) {
            throw new IllegalStateException(name + " failed: " + new String(body, StandardCharsets.UTF_8));
        }
    }
}
