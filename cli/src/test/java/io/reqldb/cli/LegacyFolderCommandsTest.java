package io.reqldb.cli;

import static com.rethinkdb.RethinkDB.r;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rethinkdb.gen.exc.ReqlError;
import com.rethinkdb.net.Connection;
import io.reqldb.cli.ReqldbProcess.Outcome;
import io.reqldb.rethinkdata.LegacyFolders;
import io.reqldb.tools.archive.ArchiveReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code reqldb dump --data-dir} and {@code reqldb migrate --from-rethinkdb}, as
 * processes, on a RethinkDB 1.16 folder (hand-built by {@link LegacyFolders}: its metadata
 * migrated as RethinkDB 2.4 migrates it, indexes from each table file's secondary-index block,
 * the auth key as admin's password). Only 2.4.4 folders exist as real fixtures.
 */
class LegacyFolderCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path tmp;

    /** users: 3 rows; orders: 20 rows, half of them tagged t1. */
    static Map<String, List<String[]>> tables() {
        Map<String, List<String[]>> tables = new LinkedHashMap<>();
        tables.put("users", List.of(new String[] {"id", "a", "name", "Ann", "tags", "x"},
                new String[] {"id", "b", "name", "Bob", "tags", "y"},
                new String[] {"id", "c", "name", "Cy", "tags", "x"}));
        List<String[]> orders = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            orders.add(new String[] {"id", String.format("o%02d", i), "tags", "t" + i % 2});
        }
        tables.put("orders", orders);
        return tables;
    }

    /** A table's rows as the server sends them, in primary-key order. */
    static List<JsonNode> expectedRows(List<String[]> rows) {
        TreeMap<String, JsonNode> byId = new TreeMap<>();
        for (String[] fields : rows) {
            var row = JSON.createObjectNode();
            for (int i = 0; i < fields.length; i += 2) {
                row.put(fields[i], fields[i + 1]);
            }
            byId.put(row.get("id").asText(), row);
        }
        return new ArrayList<>(byId.values());
    }

    @Test
    void dumpDataDir_ofA116Folder_archivesEveryTableWithItsIndex() throws Exception {
        Path folder = tmp.resolve("rethinkdb_data");
        LegacyFolders.folder116(folder, tables(), "hunter2");
        Path archive = tmp.resolve("out.tar.gz");
        Outcome run = ReqldbProcess.run(tmp, 120, "dump", "--data-dir", folder.toString(), "-f", archive.toString(), "-q");
        assertThat(run.exitCode()).as(run.err()).isZero();
        Map<String, JsonNode> members = new TreeMap<>();
        try (ArchiveReader reader = ArchiveReader.open(archive)) {
            for (ArchiveReader.Member m = reader.next(); m != null; m = reader.next()) {
                members.put(m.path().qualifiedTable() + "." + m.path().extension(), JSON.readTree(m.content()));
            }
        }
        assertThat(members).containsOnlyKeys("app.orders.info", "app.orders.json", "app.users.info", "app.users.json");
        for (var t : tables().entrySet()) {
            List<JsonNode> rows = new ArrayList<>();
            members.get("app." + t.getKey() + ".json").forEach(rows::add);
            assertThat(rows).as(t.getKey()).containsExactlyElementsOf(expectedRows(t.getValue()));
            JsonNode info = members.get("app." + t.getKey() + ".info");
            assertThat(info.get("primary_key").asText()).isEqualTo("id");
            assertThat(info.get("indexes")).hasSize(1);
            assertThat(info.get("indexes").get(0).get("index").asText()).isEqualTo("tags");
        }
    }

    @Test
    void migrateFromA116Folder_thenServe_rowsIndexesSettingsAndAdminPassword() throws Exception {
        Path folder = tmp.resolve("rethinkdb_data");
        LegacyFolders.folder116(folder, tables(), "hunter2");
        Path target = tmp.resolve("reqldb_data");
        Outcome run = ReqldbProcess.run(tmp, 120, "migrate", "--from-rethinkdb", folder.toString(), "--directory",
                target.toString(), "-q");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Converting RethinkDB 1.16 data directory").contains(target + " is ready");
        try (ServedDirectory served = ServedDirectory.open(target);
                Connection admin = served.connect("admin", "hunter2")) {
            for (var t : tables().entrySet()) {
                assertThat(served.rows(admin, "app", t.getKey())).as(t.getKey())
                        .containsExactlyElementsOf(expectedRows(t.getValue()));
            }
            Object tagged = r.db("app").table("orders").getAll("t1").optArg("index", "tags").count().run(admin).single();
            assertThat(((Number) tagged).longValue()).isEqualTo(10);
            @SuppressWarnings("unchecked")
            Map<String, Object> config = (Map<String, Object>) r.db("app").table("users").config().run(admin).single();
            assertThat(config.get("durability")).isEqualTo("soft");
            assertThat(config.get("write_acks")).isEqualTo("majority");
            assertThat((List<?>) config.get("shards")).hasSize(2);
            assertThatThrownBy(() -> served.connect("admin", "")).isInstanceOf(ReqlError.class);
        }
    }
}
