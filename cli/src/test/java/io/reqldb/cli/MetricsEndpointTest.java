package io.reqldb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.rethinkdb.RethinkDB;
import com.rethinkdb.net.Connection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --metrics-port}: after queries through the official Java driver, a scrape of
 * {@code /metrics} parses as Prometheus' text format and its counters have moved by what the
 * queries did; {@code rethinkdb.stats} reports the same counters.
 */
class MetricsEndpointTest {
    private static final RethinkDB r = RethinkDB.r;
    private static final Pattern HELP = Pattern.compile("# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) .+");
    private static final Pattern TYPE = Pattern.compile("# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram)");
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\.)*\",?)*})? (\\S+)");

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    @SuppressWarnings("unchecked")
    void countersMoveWithQueries_andTheTextParses() throws Exception {
        int metricsPort = freePort();
        ServeHarness harness = new ServeHarness();
        try (ServeCommand.Running running = harness.start("--directory", tmp.resolve("data").toString(),
                "--driver-port", "0", "--metrics-port", Integer.toString(metricsPort))) {
            assertThat(running).as(harness.err()).isNotNull();
            try (Connection c = r.connection().hostname("127.0.0.1").port(running.server().port()).connect()) {
                Map<String, Double> before = scrape(metricsPort);
                assertThat(before).containsEntry("reqldb_client_connections", 1.0);

                r.dbCreate("app").run(c);
                r.db("app").tableCreate("items").run(c);
                for (int i = 0; i < 10; i++) {
                    r.db("app").table("items").insert(r.hashMap("id", i)).run(c);
                }
                r.db("app").table("items").coerceTo("array").run(c);
                r.db("app").table("items").get(3).run(c);

                Map<String, Double> after = scrape(metricsPort);
                assertThat(after.get("reqldb_queries_total") - before.get("reqldb_queries_total")).isEqualTo(14.0);
                assertThat(after.get("reqldb_written_docs_total") - before.get("reqldb_written_docs_total")).isEqualTo(10.0);
                assertThat(after.get("reqldb_read_docs_total") - before.get("reqldb_read_docs_total")).isEqualTo(11.0);
                assertThat(after).containsEntry("reqldb_table_written_docs_total{db=\"app\",table=\"items\"}", 10.0)
                        .containsEntry("reqldb_table_read_docs_total{db=\"app\",table=\"items\"}", 11.0);
                assertThat(after.get("reqldb_query_latency_seconds_count"))
                        .isEqualTo(after.get("reqldb_query_latency_seconds_bucket{le=\"+Inf\"}"))
                        .isGreaterThanOrEqualTo(after.get("reqldb_queries_total") - 1);
                assertThat(after.get("reqldb_written_docs_per_second")).isGreaterThan(0);
                assertThat(after).containsKeys("reqldb_rocksdb_block_cache_bytes", "reqldb_rocksdb_sst_bytes",
                        "reqldb_rocksdb_pending_compaction_bytes", "reqldb_rocksdb_compactions_pending");
                assertThat(after.get("reqldb_rocksdb_memtable_bytes")).isGreaterThan(0);

                Map<String, Object> server = r.db("rethinkdb").table("stats")
                        .filter(row -> row.g("id").nth(0).eq("server")).nth(0).run(c, Map.class).single();
                Map<String, Object> engine = (Map<String, Object>) server.get("query_engine");
                assertThat(engine).containsEntry("client_connections", 1L).containsEntry("written_docs_total", 10L);
                assertThat((Long) engine.get("queries_total")).isGreaterThanOrEqualTo(after.get("reqldb_queries_total").longValue());
                Map<String, Object> tableServer = r.db("rethinkdb").table("stats")
                        .filter(row -> row.g("id").nth(0).eq("table_server")).nth(0).run(c, Map.class).single();
                assertThat((Map<String, Object>) tableServer.get("query_engine")).containsEntry("written_docs_total", 10L);

                // The table's approximate size: its documents, still in RocksDB's memtables.
                r.db("app").table("items").insert(r.range(100, 1100)
                        .map(i -> r.hashMap("id", i).with("text", "x".repeat(1000)))).run(c);
                Object dataBytes = r.db("rethinkdb").table("stats").filter(row -> row.g("id").nth(0).eq("table_server"))
                        .nth(0).g("storage_engine").g("disk").g("space_usage").g("data_bytes").run(c).single();
                assertThat(((Number) dataBytes).longValue()).isGreaterThan(500_000L);
            }
            HttpResponse<String> elsewhere = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + metricsPort + "/other")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(elsewhere.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void withATokenFile_scrapesWithoutTheTokenGet401() throws Exception {
        int metricsPort = freePort();
        Path tokenFile = Files.writeString(tmp.resolve("token"), "s3cret-scrape-token-0123\n");
        ServeHarness harness = new ServeHarness();
        try (ServeCommand.Running running = harness.start("--directory", tmp.resolve("data").toString(),
                "--driver-port", "0", "--metrics-port", Integer.toString(metricsPort),
                "--metrics-token-file", tokenFile.toString())) {
            assertThat(running).as(harness.err()).isNotNull();
            HttpResponse<String> none = get(metricsPort, null);
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("www-authenticate")).hasValue("Bearer realm=\"reqldb metrics\"");
            assertThat(none.body()).doesNotContain("reqldb_");
            assertThat(get(metricsPort, "Bearer s3cret-scrape-token-012").statusCode()).isEqualTo(401);
            assertThat(get(metricsPort, "Basic s3cret-scrape-token-0123").statusCode()).isEqualTo(401);
            HttpResponse<String> with = get(metricsPort, "Bearer s3cret-scrape-token-0123");
            assertThat(with.statusCode()).isEqualTo(200);
            assertThat(with.body()).contains("reqldb_queries_total");
        }
    }

    @Test
    void metricsBeyondLoopback_needATokenOfSixteenCharacters() throws Exception {
        ServeHarness open = new ServeHarness();
        assertThat(open.start("--directory", tmp.resolve("a").toString(), "--driver-port", "0",
                "--metrics-port", "0", "--bind-metrics", "all")).isNull();
        assertThat(open.err()).contains("Refusing to serve metrics beyond loopback without a token")
                .contains("--metrics-token-file");
        assertThat(tmp.resolve("a")).doesNotExist();

        ServeHarness shortToken = new ServeHarness();
        Path tokenFile = Files.writeString(tmp.resolve("short"), "guessable");
        assertThat(shortToken.start("--directory", tmp.resolve("b").toString(), "--driver-port", "0",
                "--metrics-port", "0", "--metrics-token-file", tokenFile.toString())).isNull();
        assertThat(shortToken.err()).contains("holds 9 characters; a token needs at least 16");
    }

    private HttpResponse<String> get(int port, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Scrapes /metrics, checks every line against the text format, and returns each sample's value by name and labels. */
    private Map<String, Double> scrape(int port) throws Exception {
        HttpResponse<String> response = get(port, null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        Map<String, String> types = new HashMap<>();
        Set<String> helped = new HashSet<>();
        Map<String, Double> samples = new HashMap<>();
        for (String line : response.body().split("\n")) {
            Matcher m;
            if ((m = HELP.matcher(line)).matches()) {
                assertThat(helped.add(m.group(1))).as("one HELP for %s", m.group(1)).isTrue();
            } else if ((m = TYPE.matcher(line)).matches()) {
                assertThat(types.put(m.group(1), m.group(2))).as("one TYPE for %s", m.group(1)).isNull();
            } else {
                assertThat(m = SAMPLE.matcher(line)).as("a sample line: %s", line).matches();
                String family = m.group(1).replaceFirst("_(bucket|sum|count)$", "");
                String type = types.containsKey(m.group(1)) ? types.get(m.group(1)) : types.get(family);
                assertThat(type).as("TYPE declared before %s", line).isNotNull();
                samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
            }
        }
        assertThat(types.keySet()).isEqualTo(helped);
        List<Double> buckets = samples.entrySet().stream()
                .filter(e -> e.getKey().startsWith("reqldb_query_latency_seconds_bucket"))
                .map(Map.Entry::getValue).sorted().toList();
        assertThat(buckets).hasSize(15);
        return samples;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
