package io.reqldb.query.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.reqldb.query.EngineHarness;
import io.reqldb.storage.rocksdb.RocksStore;
import io.reqldb.storage.rocksdb.RocksStoreOptions;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotsTableTest {
    private static final String SNAPSHOTS = "[15,[[14,[\"rethinkdb\"]],\"snapshots\"]]";
    private static final String T = "[15,[\"t\"]]";

    @TempDir
    Path dir;

    private RocksStore store;
    private EngineHarness reql;

    @BeforeEach
    void open() {
        store = RocksStore.open(dir, new RocksStoreOptions(8, 4));
        reql = new EngineHarness(store);
        reql.run("[60,[\"t\"]]");
        reql.run("[56,[" + T + ",{\"id\":1}]]");
    }

    @AfterEach
    void close() {
        store.close();
    }

    private String pin(double ttl) {
        String result = reql.run("[56,[" + SNAPSHOTS + ",{\"ttl\":" + ttl + "}]]");
        Matcher m = Pattern.compile("\"generated_keys\":\\[\"([^\"]+)\"").matcher(result);
        assertThat(m.find()).as(result).isTrue();
        return m.group(1);
    }

    @Test
    void readsAsOfTheSnapshotUntilReleased() {
        String id = pin(60);
        reql.run("[56,[" + T + ",{\"id\":2}]]");
        String at = "{\"snapshot\":\"" + id + "\"}";
        assertThat(reql.run("[43,[" + T + "]]", at)).isEqualTo("1");
        assertThat(reql.run("[43,[" + T + "]]")).isEqualTo("2");
        assertThat(reql.run("[16,[" + T + ",2]]", at)).isEqualTo("null");
        assertThat(reql.run("[16,[" + SNAPSHOTS + ",\"" + id + "\"]]")).contains("\"ttl\":60");
        assertThat(catchThrowable(() -> reql.run("[56,[" + T + ",{\"id\":3}]]", at)))
                .hasMessageContaining("Cannot write to table `test.t` in a query that reads a snapshot");
        reql.run("[54,[[16,[" + SNAPSHOTS + ",\"" + id + "\"]]]]");
        assertThat(catchThrowable(() -> reql.run("[43,[" + T + "]]", at)))
                .hasMessageContaining("Snapshot `" + id + "` does not exist");
    }

    @Test
    void expiresAfterItsTtl() throws InterruptedException {
        String id = pin(0.2);
        Thread.sleep(600);
        assertThat(reql.run("[43,[" + SNAPSHOTS + "]]")).isEqualTo("0");
        assertThat(catchThrowable(() -> reql.run("[43,[" + T + "]]", "{\"snapshot\":\"" + id + "\"}")))
                .hasMessageContaining("does not exist");
    }

    @Test
    void badTtlIsRefused() {
        assertThat(reql.run("[56,[" + SNAPSHOTS + ",{\"ttl\":-1}]]")).contains("\"errors\":1");
        assertThat(reql.run("[56,[" + SNAPSHOTS + ",{}]]")).contains("\"errors\":1");
    }
}
