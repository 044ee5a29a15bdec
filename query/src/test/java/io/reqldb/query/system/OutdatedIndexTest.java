package io.reqldb.query.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumJson;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.query.EngineHarness;
import io.reqldb.query.terms.index.FieldLookups;
import io.reqldb.storage.rocksdb.RocksStore;
import io.reqldb.storage.rocksdb.RocksStoreOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The v1 fixture (storage's {@code fixtures/v1/reqldb_data}) opened through the query layer:
 * field lookups converted by the real classifier, function indexes outdated in index_status and
 * in rethinkdb.current_issues until rebuilt the way {@code reqldb index-rebuild} does it.
 */
class OutdatedIndexTest {
    private static final String PEOPLE = "[15,[[14,[\"test\"]],\"people\"]]";
    private static final String ORDERS = "[15,[[14,[\"test\"]],\"orders\"]]";
    private static final String ISSUES = "[15,[[14,[\"rethinkdb\"]],\"current_issues\"]]";

    @TempDir
    Path tmp;
    private RocksStore store;
    private EngineHarness reql;

    @BeforeEach
    void open() throws IOException {
        Path src = Path.of("..", "storage", "src", "test", "resources", "fixtures", "v1", "reqldb_data");
        Path dir = tmp.resolve("reqldb_data");
        try (Stream<Path> all = Files.walk(src)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = dir.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        store = RocksStore.open(dir, RocksStoreOptions.DEFAULT, FieldLookups.INSTANCE);
        reql = new EngineHarness(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void indexStatus_marksFunctionIndexesOutdatedAndConvertedFieldLookupsNot() {
        assertThat(outdated(PEOPLE)).containsExactly("name_lower", "tags");
        assertThat(outdated(ORDERS)).containsExactly("customer_day", "double_total");
        // Outdated indexes still answer queries, under their old keys.
        assertThat(reql.run("[31,[[78,[" + PEOPLE + ",\"grace\"],{\"index\":\"name_lower\"}],\"id\"]]"))
                .isEqualTo("[2]");
        assertThat(reql.run("[31,[[78,[" + ORDERS + ",[2,[1,9]]],{\"index\":\"customer_day\"}],\"code\"]]"))
                .isEqualTo("[\"B7\"]");
        // An index created now, from a function or from an old index's blob, is not outdated.
        reql.run("[75,[" + PEOPLE + ",\"upper\",[69,[[2,[1]],[141,[[31,[[10,[1]],\"name\"]]]]]]]]");
        reql.run("[75,[" + PEOPLE + ",\"copy\"," + blob(PEOPLE, "tags") + "],{\"multi\":true}]");
        assertThat(outdated(PEOPLE)).containsExactly("name_lower", "tags");
    }

    @Test
    void currentIssues_namesTheOutdatedIndexesAsRethinkDbDoes() {
        Datum issues = reql.value(ISSUES);
        assertThat(((ArrayDatum) issues).items()).hasSize(1);
        ObjectDatum issue = (ObjectDatum) ((ArrayDatum) issues).items().get(0);
        assertThat(DatumJson.write(issue.get("id"))).isEqualTo("\"528f5239-096e-47a3-b263-7a06a256ecc3\"");
        assertThat(DatumJson.write(issue.get("type"))).isEqualTo("\"outdated_index\"");
        assertThat(DatumJson.write(issue.get("critical"))).isEqualTo("false");
        assertThat(DatumJson.write(issue.get("info"))).satisfiesAnyOf(
                s -> assertThat(s).isEqualTo("{\"tables\":[{\"db\":\"test\",\"indexes\":[\"name_lower\",\"tags\"],"
                        + "\"table\":\"people\"},{\"db\":\"test\",\"indexes\":[\"customer_day\",\"double_total\"],"
                        + "\"table\":\"orders\"}]}"),
                s -> assertThat(s).isEqualTo("{\"tables\":[{\"db\":\"test\",\"indexes\":[\"customer_day\","
                        + "\"double_total\"],\"table\":\"orders\"},{\"db\":\"test\",\"indexes\":[\"name_lower\","
                        + "\"tags\"],\"table\":\"people\"}]}"));
        assertThat(((io.reqldb.datum.StringDatum) issue.get("description")).value()).startsWith(
                "The cluster contains indexes that were created with a previous version of the query language which"
                        + " contained some bugs.  These should be remade to avoid relying on broken behavior.  See"
                        + " http://www.rethinkdb.com/docs/troubleshooting/#my-secondary-index-is-outdated for details.")
                .contains("\nFor table `people.test`: `name_lower`, `tags`")
                .contains("\nFor table `orders.test`: `customer_day`, `double_total`");
    }

    @Test
    void rebuildingLikeIndexRebuild_clearsTheIssueWithoutRestartWhileReadsGoOn() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger reads = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                while (!stop.get()) {
                    assertThat(reql.run("[31,[[78,[" + PEOPLE + ",\"ada\"],{\"index\":\"name_lower\"}],\"id\"]]"))
                            .isEqualTo("[1]");
                    assertThat(reql.run("[31,[[78,[" + PEOPLE + ",\"code\"],{\"index\":\"tags\"}],\"id\"]]"))
                            .isIn("[1,2]", "[2,1]");
                    reads.incrementAndGet();
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        reader.start();
        for (String[] ix : List.of(new String[] {PEOPLE, "name_lower"}, new String[] {PEOPLE, "tags"},
                new String[] {ORDERS, "customer_day"}, new String[] {ORDERS, "double_total"})) {
            rebuild(ix[0], ix[1]);
            int seen = reads.get();
            while (reads.get() < seen + 2 && failure.get() == null) {
                Thread.sleep(5);
            }
        }
        stop.set(true);
        reader.join();
        assertThat(failure.get()).isNull();
        assertThat(outdated(PEOPLE)).isEmpty();
        assertThat(outdated(ORDERS)).isEmpty();
        assertThat(reql.run(ISSUES)).isEqualTo("[]");
    }

    /** What `reqldb index-rebuild` does for one index: a temporary copy from its blob, then rename over. */
    private void rebuild(String table, String name) {
        String temp = "$reql_temp_index$_" + name;
        reql.run("[75,[" + table + ",\"" + temp + "\"," + blob(table, name) + "]]");
        reql.run("[140,[" + table + ",\"" + temp + "\"]]");
        reql.run("[156,[" + table + ",\"" + temp + "\",\"" + name + "\"],{\"overwrite\":true}]");
        if (name.equals("name_lower")) {
            assertThat(reql.run(ISSUES)).contains("`tags`").doesNotContain("`name_lower`");
        }
    }

    private String blob(String table, String name) {
        ObjectDatum status = (ObjectDatum) ((ArrayDatum) reql.value("[139,[" + table + ",\"" + name + "\"]]"))
                .items().get(0);
        return DatumJson.write(status.get("function"));
    }

    private List<String> outdated(String table) {
        return ((ArrayDatum) reql.value("[139,[" + table + "]]")).items().stream()
                .map(d -> (ObjectDatum) d)
                .filter(o -> DatumJson.write(o.get("outdated")).equals("true"))
                .map(o -> ((io.reqldb.datum.StringDatum) o.get("index")).value()).sorted().toList();
    }
}
