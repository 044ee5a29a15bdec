package io.reqldb.bench;

import static com.rethinkdb.RethinkDB.r;

import com.rethinkdb.net.Connection;
import io.reqldb.server.wire.RawWireClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's CPU time per operation for the table operations of issue #14, against any server
 * (ReqlDB or RethinkDB): point get, a 20-row page, {@code get_all} on an index with
 * {@code count}, a soft single-document update, batched insert, full scan, whole-table
 * aggregations, and the {@code r.expr(1)} round trip that is nothing but per-query overhead.
 *
 * <p>It loads {@code --docs} documents of about 850 bytes (the load is the insert measurement),
 * then runs each operation on {@code --clients} connections for {@code --seconds}, after an
 * unmeasured warm-up of the same length and a wait for the server to go idle. Queries go out as
 * prepared JSON over {@link RawWireClient}, so the client's own cost stays small on a machine it
 * shares with the server; each connection has one query in flight, as a driver does, except in
 * the {@code get pipelined} row, where it keeps {@code --pipeline} in flight. Every answer is
 * checked, so no operation can win by doing nothing.
 *
 * <p>Prints, per operation: throughput, the server's CPU time per operation or per document
 * (user + system from {@code /proc/PID/stat}, given {@code --server-pid}), and the mean wall time
 * of one query. Run: {@code java -cp bench/target/reqldb-bench.jar io.reqldb.bench.OpCost --port
 * 28015 --server-pid PID [--docs 100000] [--clients 8] [--seconds 5] [--pipeline 16] [--ops
 * expr,get,...] [--rounds 1] [--load no]} (see bench/README.md).
 *
 * <p>With {@code --servers NAME=HOST:PORT:PID,NAME=HOST:PORT:PID...} in place of {@code --port}
 * and {@code --server-pid}, it measures several servers side by side, each operation on each
 * server in turn (so a change in the machine's load reaches all of them alike), and prints one
 * table: per server, the range of the CPU figures over the rounds and of the throughput, and the
 * first server's CPU per operation over each other's.
 */
public final class OpCost {
    private static final String DB = "bench_opcost";
    private static final String TABLE = "docs";
    private static final String SCRATCH = "inserts";
    private static final String TABLE_TERM = "[15,[[14,[\"" + DB + "\"]],\"" + TABLE + "\"]]";
    private static final String SCRATCH_TERM = "[15,[[14,[\"" + DB + "\"]],\"" + SCRATCH + "\"]]";
    private static final int BATCH = 500;
    private static final int GROUP_SIZE = 1000;
    private static final int PAGE = 20;
    private static final byte[] DOC_MARK = "\"bio\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final int SUCCESS_ATOM = 1;
    private static final int SUCCESS_SEQUENCE = 2;
    private static final int SUCCESS_PARTIAL = 3;

    /** One operation: sends a query on {@code c} and checks its answer; returns documents handled. */
    private interface Call {
        long run(RawWireClient c, long token) throws IOException;
    }

    /** @param key its name in {@code --ops}; @param perDoc whether its cost is reported per document rather than per query */
    private record Op(String key, String name, boolean perDoc, Call call) {
    }

    /**
     * One measured run: units (operations or documents) per second, the server's CPU per unit in
     * microseconds (NaN without its PID), and the mean wall time of one query in milliseconds.
     */
    record Measurement(String name, String unit, double throughput, double cpuMicros, double latencyMillis) {
    }

    private final String name;
    private final String host;
    private final int port;
    private final int docs;
    private final int clients;
    private final long seconds;
    private final int pipeline;
    private final ServerCpu server;

    private OpCost(BenchOptions opts, String name, String host, int port, String pid) {
        this.name = name;
        this.host = host;
        this.port = port;
        docs = opts.integer("docs", 100000);
        clients = opts.integer("clients", 8);
        seconds = opts.seconds(5);
        pipeline = opts.integer("pipeline", 16);
        server = pid.isEmpty() ? null : new ServerCpu(Long.parseLong(pid));
    }

    public static void main(String[] args) throws Exception {
        BenchOptions opts = new BenchOptions(args);
        List<OpCost> servers = servers(opts);
        Set<String> only = Set.of(opts.string("ops", "").split(","));
        if (!opts.string("load", "yes").equals("no")) {
            for (OpCost bench : servers) {
                bench.load();
            }
        }
        boolean one = servers.size() == 1;
        if (one) {
            System.out.printf("%-40s %14s %14s %12s%n", "operation", "throughput", "server CPU", "latency");
        }
        SideBySideTable table = new SideBySideTable(servers.stream().map(b -> b.name).toList());
        // Later rounds show the server once its JIT has compiled the paths of every operation.
        for (int round = opts.integer("rounds", 1); round > 0; round--) {
            for (Op op : servers.get(0).operations()) {
                if (!only.contains("") && !only.contains(op.key())) {
                    continue;
                }
                for (OpCost bench : servers) {
                    if (one) {
                        bench.measure(bench.operation(op.key())).forEach(OpCost::print);
                        continue;
                    }
                    // Side by side, a server that fails an operation gets its error in the table.
                    try {
                        bench.measure(bench.operation(op.key())).forEach(m -> table.add(bench.name, m));
                    } catch (IllegalStateException e) {
                        table.failed(bench.name, op.name(), String.valueOf(e.getCause() == null ? e : e.getCause()));
                    }
                }
            }
        }
        if (!one) {
            table.print(System.out);
        }
    }

    /** The servers to measure: {@code --servers NAME=HOST:PORT:PID,...}, or {@code --host}, {@code --port}, {@code --server-pid}. */
    private static List<OpCost> servers(BenchOptions opts) {
        String list = opts.string("servers", "");
        if (list.isEmpty()) {
            return List.of(new OpCost(opts, "server", opts.string("host", "127.0.0.1"), opts.integer("port", 28015),
                    opts.string("server-pid", "")));
        }
        List<OpCost> servers = new ArrayList<>();
        for (String entry : list.split(",")) {
            String[] nameAndAddress = entry.split("=", 2);
            String[] parts = nameAndAddress.length == 2 ? nameAndAddress[1].split(":") : new String[0];
            if (parts.length < 2 || parts.length > 3) {
                throw new IllegalArgumentException("--servers takes NAME=HOST:PORT[:PID],...; got " + entry);
            }
            servers.add(new OpCost(opts, nameAndAddress[0], parts[0], Integer.parseInt(parts[1]),
                    parts.length == 3 ? parts[2] : ""));
        }
        return servers;
    }

    private Op operation(String key) {
        return operations().stream().filter(op -> op.key().equals(key)).findFirst().orElseThrow();
    }

    private static void print(Measurement m) {
        String cpuText = Double.isNaN(m.cpuMicros()) ? "-" : String.format("%.2f us/%s", m.cpuMicros(), m.unit());
        System.out.printf("%-40s %10.0f %s/s %14s %9.3f ms%n", m.name(), m.throughput(), m.unit(), cpuText,
                m.latencyMillis());
    }

    private List<Op> operations() {
        int ageOver50 = 0;
        for (long id = 0; id < docs; id++) {
            ageOver50 += 18 + id % 60 > 50 ? 1 : 0;
        }
        long expectedOver50 = ageOver50;
        // New keys on every run, so that a run with --load no inserts rather than collides.
        AtomicLong nextInsert = new AtomicLong(System.currentTimeMillis() * 1000);
        return List.of(
                new Op("insert", "batched insert (" + BATCH + " per query, soft)", true, (c, t) -> {
                    long from = nextInsert.getAndAdd(BATCH);
                    return insertBatch(c, t, SCRATCH_TERM, from, from + BATCH);
                }),
                new Op("expr", "r.expr(1)", false, (c, t) -> {
                    expect(c, t, "[1,1,{}]", "{\"t\":1,\"r\":[1]");
                    return 1;
                }),
                new Op("get", "point get", false, (c, t) -> {
                    long id = randomId(docs);
                    byte[] body = query(c, t, "[1,[16,[" + TABLE_TERM + "," + id + "]],{}]");
                    check(count(body, ("\"id\":" + id + ",").getBytes(StandardCharsets.US_ASCII)) == 1, body);
                    return 1;
                }),
                new Op("page", "20-row page (between, order_by, limit)", false, (c, t) -> {
                    long from = randomId(docs - PAGE);
                    byte[] body = query(c, t, "[1,[71,[[41,[[182,[" + TABLE_TERM + "," + from
                            + ",[181,[]]],{\"index\":\"id\"}]],{\"index\":\"id\"}],20]],{}]");
                    check(type(body) == SUCCESS_SEQUENCE && count(body, DOC_MARK) == PAGE, body);
                    return 1;
                }),
                new Op("get_all", "get_all on index + count (1000 rows)", false, (c, t) -> {
                    long group = randomId(docs / GROUP_SIZE);
                    expect(c, t, "[1,[43,[[78,[" + TABLE_TERM + "," + group + "],{\"index\":\"group\"}]]],{}]",
                            "{\"t\":1,\"r\":[" + GROUP_SIZE + "]");
                    return 1;
                }),
                new Op("update", "single-doc update, soft", false, (c, t) -> {
                    long id = randomId(docs);
                    expectContains(c, t, "[1,[53,[[16,[" + TABLE_TERM + "," + id + "]],{\"n\":"
                            + System.nanoTime() + "}],{\"durability\":\"soft\"}],{}]", "\"replaced\":1");
                    return 1;
                }),
                new Op("scan", "full scan", true, (c, t) -> scan(c, t, "[1," + TABLE_TERM + ",{}]")),
                new Op("group", "group('age').count()", true, (c, t) -> {
                    expectContains(c, t, "[1,[43,[[144,[" + TABLE_TERM + ",\"age\"]]]],{}]", "GROUPED_DATA");
                    return docs;
                }),
                new Op("filter", "filter(age > 50).count()", true, (c, t) -> {
                    expect(c, t, "[1,[43,[[39,[" + TABLE_TERM + ",[69,[[2,[1]],[21,[[170,[[10,[1]],\"age\"]],50]]]]]]]],{}]",
                            "{\"t\":1,\"r\":[" + expectedOver50 + "]");
                    return docs;
                }),
                new Op("sum", "sum('score')", true, (c, t) -> {
                    expectContains(c, t, "[1,[145,[" + TABLE_TERM + ",\"score\"]],{}]", "{\"t\":1,");
                    return docs;
                }),
                new Op("avg", "avg('age')", true, (c, t) -> {
                    expectContains(c, t, "[1,[146,[" + TABLE_TERM + ",\"age\"]],{}]", "{\"t\":1,");
                    return docs;
                }),
                new Op("distinct", "('age').distinct()", true, (c, t) -> {
                    byte[] body = query(c, t, "[1,[42,[[170,[" + TABLE_TERM + ",\"age\"]]]],{}]");
                    check(type(body) == SUCCESS_ATOM || type(body) == SUCCESS_SEQUENCE, body);
                    return docs;
                }),
                new Op("order_by", "order_by('score').limit(20)", true, (c, t) -> {
                    byte[] body = query(c, t, "[1,[71,[[41,[" + TABLE_TERM + ",\"score\"]],20]],{}]");
                    check(count(body, DOC_MARK) == PAGE, body);
                    return docs;
                }));
    }

    /** Creates the tables, loads {@code --docs} documents in batches, adds the index. */
    private void load() throws Exception {
        try (Connection c = r.connection().hostname(host).port(port).connect()) {
            BenchOptions.recreateDatabase(c, DB);
            r.db(DB).tableCreate(TABLE).run(c);
            r.db(DB).tableCreate(SCRATCH).run(c);
        }
        AtomicLong next = new AtomicLong();
        run(new Op("load", "load", true, null), (c, t) -> {
            long from = next.getAndAdd(BATCH);
            return from >= docs ? -1 : insertBatch(c, t, TABLE_TERM, from, Math.min(docs, from + BATCH));
        }, Long.MAX_VALUE, false);
        try (Connection c = r.connection().hostname(host).port(port).connect()) {
            r.db(DB).table(TABLE).indexCreate("group").run(c);
            r.db(DB).table(TABLE).indexWait("group").run(c);
        }
    }

    /** Inserts documents {@code from} to {@code to} (exclusive) into {@code table} with one query. */
    private static long insertBatch(RawWireClient c, long token, String table, long from, long to)
            throws IOException {
        StringBuilder q = new StringBuilder("[1,[56,[" + table + ",[2,[");
        for (long id = from; id < to; id++) {
            q.append(id == from ? "" : ",").append(document(id));
        }
        expectContains(c, token, q.append("]]],{\"durability\":\"soft\"}],{}]").toString(),
                "\"inserted\":" + (to - from) + ",");
        return to - from;
    }

    /** Measures {@code op} after a warm-up run; the point get is measured again pipelined. */
    private List<Measurement> measure(Op op) throws Exception {
        List<Measurement> out = new ArrayList<>();
        run(op, op.call(), TimeUnit.SECONDS.toNanos(seconds), false);
        out.add(run(op, op.call(), TimeUnit.SECONDS.toNanos(seconds), true));
        if (op.key().equals("get")) {
            Op pipelined = new Op("get", "point get, " + pipeline + " in flight per conn", false, null);
            run(pipelined, null, TimeUnit.SECONDS.toNanos(seconds), false);
            out.add(run(pipelined, null, TimeUnit.SECONDS.toNanos(seconds), true));
        }
        return out;
    }

    /**
     * Runs {@code call} on every connection until {@code nanos} have passed or it returns -1
     * (nothing left to do); a null call is the pipelined point get. Returns what was measured if
     * {@code report}, else null.
     */
    private Measurement run(Op op, Call call, long nanos, boolean report) throws Exception {
        if (server != null) {
            server.awaitIdle(60);
        }
        AtomicLong queries = new AtomicLong();
        AtomicLong units = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        long cpuBefore = server == null ? 0 : server.nanos();
        long start = System.nanoTime();
        long deadline = nanos == Long.MAX_VALUE ? Long.MAX_VALUE : start + nanos;
        for (int i = 0; i < clients; i++) {
            Thread th = new Thread(() -> {
                try (RawWireClient c = new RawWireClient(host, port)) {
                    if (call == null) {
                        long n = pipelinedGets(c, deadline);
                        queries.addAndGet(n);
                        units.addAndGet(n);
                        return;
                    }
                    for (long token = 1; System.nanoTime() < deadline; token++) {
                        long n = call.run(c, token);
                        if (n < 0) {
                            break;
                        }
                        queries.incrementAndGet();
                        units.addAndGet(n);
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        long wall = System.nanoTime() - start;
        long cpu = server == null ? 0 : server.nanos() - cpuBefore;
        if (!failures.isEmpty()) {
            throw new IllegalStateException(op.name() + " failed", failures.get(0));
        }
        if (!report) {
            return null;
        }
        return new Measurement(op.name(), op.perDoc() ? "doc" : "op", units.get() / (wall / 1e9),
                server == null ? Double.NaN : cpu / 1e3 / units.get(), wall / 1e6 * clients / Math.max(1, queries.get()));
    }

    /** Point gets with {@link #pipeline} queries in flight on one connection; returns how many. */
    private long pipelinedGets(RawWireClient c, long deadline) throws IOException {
        long sent = 0;
        long answered = 0;
        for (; sent < pipeline; sent++) {
            c.send(sent + 1, "[1,[16,[" + TABLE_TERM + "," + randomId(docs) + "]],{}]");
        }
        while (answered < sent) {
            byte[] body = c.readBody();
            check(type(body) == SUCCESS_ATOM && count(body, DOC_MARK) == 1, body);
            answered++;
            if (System.nanoTime() < deadline) {
                sent++;
                c.send(sent, "[1,[16,[" + TABLE_TERM + "," + randomId(docs) + "]],{}]");
            }
        }
        return answered;
    }

    /** Reads a whole stream, batch by batch; returns how many documents came. */
    private long scan(RawWireClient c, long token, String start) throws IOException {
        byte[] body = query(c, token, start);
        long rows = count(body, DOC_MARK);
        while (type(body) == SUCCESS_PARTIAL) {
            body = query(c, token, "[2]");
            rows += count(body, DOC_MARK);
        }
        check(type(body) == SUCCESS_SEQUENCE && rows == docs, body);
        return rows;
    }

    /** A document of about 850 bytes, the shape of {@link LoadGenerator}'s, as ReQL JSON. */
    public static String document(long id) {
        return "{\"id\":" + id + ",\"group\":" + id / GROUP_SIZE + ",\"name\":\"user-" + id
                + "\",\"email\":\"user" + id + "@example.com\",\"age\":" + (18 + id % 60)
                + ",\"score\":" + (id * 7919 % 10007) / 100.0 + ",\"active\":" + (id % 3 != 0)
                + ",\"tags\":[2,[\"tag" + id % 10 + "\",\"tag" + id % 7 + "\",\"tag" + id % 3 + "\"]]"
                + ",\"address\":{\"street\":\"" + id + " Main Street\",\"city\":\"City " + id % 100
                + "\",\"zip\":" + (10000 + id % 90000) + "},\"bio\":\"" + "x".repeat(560) + "\"}";
    }

    private static long randomId(long bound) {
        return ThreadLocalRandom.current().nextLong(Math.max(1, bound));
    }

    private static byte[] query(RawWireClient c, long token, String json) throws IOException {
        c.send(token, json);
        return c.readBody();
    }

    private static void expect(RawWireClient c, long token, String json, String prefix) throws IOException {
        byte[] body = query(c, token, json);
        check(new String(body, 0, Math.min(body.length, prefix.length() + 8), StandardCharsets.UTF_8)
                .startsWith(prefix), body);
    }

    private static void expectContains(RawWireClient c, long token, String json, String part) throws IOException {
        byte[] body = query(c, token, json);
        check(type(body) == SUCCESS_ATOM && count(body, part.getBytes(StandardCharsets.UTF_8)) > 0, body);
    }

    /** The response type, {@code t}, wherever the server put it in the object. */
    private static int type(byte[] body) {
        byte[] mark = "\"t\":".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + mark.length < body.length; i++) {
            if (body[i] == '"' && body[i + 1] == 't' && body[i + 2] == '"' && body[i + 3] == ':') {
                return body[i + 4] - '0';
            }
        }
        return -1;
    }

    private static int count(byte[] body, byte[] mark) {
        int n = 0;
        outer:
        for (int i = 0; i <= body.length - mark.length; i++) {
            for (int j = 0; j < mark.length; j++) {
                if (body[i + j] != mark[j]) {
                    continue outer;
                }
            }
            n++;
            i += mark.length - 1;
        }
        return n;
    }

    private static void check(boolean ok, byte[] body) {
        if (!ok) {
            String text = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
            throw new IllegalStateException("unexpected answer: " + text);
        }
    }
}
