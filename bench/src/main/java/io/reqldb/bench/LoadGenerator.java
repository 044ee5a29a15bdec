package io.reqldb.bench;

import static com.rethinkdb.RethinkDB.r;

import com.rethinkdb.net.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * End-to-end load generator: drives a running server (ReqlDB or RethinkDB) through the official
 * Java driver, the way applications do, and prints one line per workload.
 *
 * <p>Workloads, on a table of {@code --docs} documents of about 850 bytes with {@code --clients}
 * connections: batched insert (batches of 500, soft durability), point get by primary key,
 * {@code get_all(...).count()} on a secondary index matching 1000 documents, a full table scan,
 * and the time to build a secondary index over the whole table, then point updates; {@code --feeds}
 * changefeeds on the table (each on a connection of its own) receive every write meanwhile.
 *
 * <p>When the server runs on this machine, it also prints the server's resident memory and thread
 * count ({@code /proc/PID/status}; the pid from {@code server_status}, or {@code --server-pid})
 * before the workload, right after it (feeds still open) and after {@code --settle} idle seconds.
 *
 * <p>Run: {@code java -cp bench/target/reqldb-bench.jar io.reqldb.bench.LoadGenerator --port 28015}
 * (see bench/README.md). Every workload checks its results, so it cannot win by doing nothing.
 */
public final class LoadGenerator {
    private static final String DB = "bench";
    private static final String TABLE = "docs";
    private static final int BATCH = 500;
    private static final int GROUP_SIZE = 1000;

    private final String host;
    private final int port;
    private final int docs;
    private final int clients;
    private final long seconds;
    private final int feeds;
    private final long serverPid;
    private final long settleSeconds;

    private LoadGenerator(BenchOptions opts) {
        this.host = opts.string("host", "127.0.0.1");
        this.port = opts.integer("port", 28015);
        this.docs = opts.integer("docs", 100000);
        this.clients = opts.integer("clients", 8);
        this.seconds = opts.seconds(10);
        this.feeds = opts.integer("feeds", 20);
        this.serverPid = Long.parseLong(opts.string("server-pid", "0"));
        this.settleSeconds = opts.integer("settle", 5);
    }

    public static void main(String[] args) throws Exception {
        BenchOptions opts = new BenchOptions(args);
        new LoadGenerator(opts).run();
    }

    private Connection connect() {
        return r.connection().hostname(host).port(port).connect();
    }

    private void run() throws Exception {
        long pid;
        try (Connection c = connect()) {
            BenchOptions.recreateDatabase(c, DB);
            r.db(DB).tableCreate(TABLE).run(c);
            pid = serverPid > 0 ? serverPid : serverPid(c);
        }
        footprint("server before the workload", pid);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try (Changefeeds changefeeds = Changefeeds.open(this::connect, DB, TABLE, feeds)) {
            insert(pool);
            indexBuild();
            pointGets(pool);
            indexGetAll(pool);
            fullScan();
            updates(pool);
            footprint("server after the workload (" + feeds + " feeds open)", pid);
            System.out.printf("%-45s %10d changes%n", "received by each feed (min)", changefeeds.leastReceived());
        } finally {
            pool.shutdownNow();
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(settleSeconds));
        footprint("server " + settleSeconds + " s after the workload", pid);
    }

    /** The server's pid as {@code server_status} reports it (RethinkDB and ReqlDB alike). */
    private static long serverPid(Connection c) {
        Map<?, ?> status = (Map<?, ?>) r.db("rethinkdb").table("server_status").nth(0).run(c).single();
        return ((Number) ((Map<?, ?>) status.get("process")).get("pid")).longValue();
    }

    private static void footprint(String when, long pid) {
        ProcessFootprint f = ProcessFootprint.of(pid);
        System.out.printf("%-45s %s%n", when, f == null ? "(pid " + pid + " not readable here)" : f);
    }

    private void insert(ExecutorService pool) throws Exception {
        AtomicLong next = new AtomicLong();
        long start = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            work.add(pool.submit(() -> {
                try (Connection conn = connect()) {
                    for (long from = next.getAndAdd(BATCH); from < docs; from = next.getAndAdd(BATCH)) {
                        List<Map<String, Object>> batch = new ArrayList<>(BATCH);
                        for (long id = from; id < Math.min(docs, from + BATCH); id++) {
                            batch.add(document(id));
                        }
                        Map<?, ?> result = (Map<?, ?>) r.db(DB).table(TABLE).insert(batch)
                                .optArg("durability", "soft").run(conn).single();
                        check(((Number) result.get("inserted")).intValue() == batch.size(), "insert " + result);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        report("insert (batches of " + BATCH + ", soft)", docs, System.nanoTime() - start, "docs/s");
    }

    private void indexBuild() {
        try (Connection c = connect()) {
            long start = System.nanoTime();
            r.db(DB).table(TABLE).indexCreate("group").run(c);
            r.db(DB).table(TABLE).indexWait("group").run(c);
            System.out.printf("%-45s %10.2f s%n", "index build (" + docs + " docs)",
                    (System.nanoTime() - start) / 1e9);
        }
    }

    private void pointGets(ExecutorService pool) throws Exception {
        long ops = timed(pool, conn -> {
            long id = (long) (Math.random() * docs);
            Map<?, ?> doc = (Map<?, ?>) r.db(DB).table(TABLE).get(id).run(conn).single();
            check(doc != null && ((Number) doc.get("id")).longValue() == id, "get " + id);
        });
        report("point get", ops, TimeUnit.SECONDS.toNanos(seconds), "ops/s");
    }

    private void indexGetAll(ExecutorService pool) throws Exception {
        int groups = Math.max(1, docs / GROUP_SIZE);
        long ops = timed(pool, conn -> {
            long group = (long) (Math.random() * groups);
            long n = ((Number) r.db(DB).table(TABLE).getAll(group).optArg("index", "group").count()
                    .run(conn).single()).longValue();
            check(n == Math.min(GROUP_SIZE, docs), "get_all count " + n);
        });
        report("index get_all (" + GROUP_SIZE + " docs, count)", ops, TimeUnit.SECONDS.toNanos(seconds), "ops/s");
    }

    private void updates(ExecutorService pool) throws Exception {
        long ops = timed(pool, conn -> {
            long id = (long) (Math.random() * docs);
            Map<?, ?> result = (Map<?, ?>) r.db(DB).table(TABLE).get(id)
                    .update(row -> r.hashMap("score", row.g("score").add(1))).run(conn).single();
            check(((Number) result.get("replaced")).intValue() == 1, "update " + result);
        });
        report("point update", ops, TimeUnit.SECONDS.toNanos(seconds), "ops/s");
    }

    private void fullScan() {
        try (Connection c = connect()) {
            long start = System.nanoTime();
            long n = 0;
            for (Object ignored : r.db(DB).table(TABLE).run(c)) {
                n++;
            }
            check(n == docs, "scan saw " + n);
            report("full scan", n, System.nanoTime() - start, "docs/s");
        }
    }

    /** Runs {@code op} on every client for {@code seconds}; returns how many ops completed. */
    private long timed(ExecutorService pool, java.util.function.Consumer<Connection> op) throws Exception {
        AtomicLong done = new AtomicLong();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            work.add(pool.submit(() -> {
                try (Connection conn = connect()) {
                    while (System.nanoTime() < deadline) {
                        op.accept(conn);
                        done.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        return done.get();
    }

    /** A document of about 850 bytes of JSON; {@code group} puts 1000 documents in each group. */
    static Map<String, Object> document(long id) {
        Map<String, Object> d = new HashMap<>();
        d.put("id", id);
        d.put("group", id / GROUP_SIZE);
        d.put("name", "user-" + id);
        d.put("email", "user" + id + "@example.com");
        d.put("age", 18 + id % 60);
        d.put("score", (id * 7919 % 10007) / 100.0);
        d.put("active", id % 3 != 0);
        d.put("tags", List.of("tag" + id % 10, "tag" + id % 7, "tag" + id % 3));
        d.put("address", Map.of("street", id + " Main Street", "city", "City " + id % 100, "zip", 10000 + id % 90000));
        d.put("bio", "x".repeat(560));
        return d;
    }

    private static void report(String what, long count, long nanos, String unit) {
        System.out.printf("%-45s %10.0f %s%n", what, count / (nanos / 1e9), unit);
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("wrong result: " + what);
        }
    }
}
