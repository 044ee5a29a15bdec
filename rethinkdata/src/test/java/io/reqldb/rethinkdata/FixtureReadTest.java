package io.reqldb.rethinkdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.BinaryDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumJson;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the data directories RethinkDB 2.4.4 itself wrote, and checks every table against what RethinkDB read from them. */
class FixtureReadTest {
    @TempDir
    Path temp;

    @Test
    void cleanShutdown_everyTableReadsAsRethinkDbReadIt() throws Exception {
        check(DataDirFixtures.unpack("rethinkdb_data.tar.gz", temp), DataDirFixtures.expected("expected.json"));
    }

    @Test
    void afterKill9_readsWhatRethinkDbRecovered() throws Exception {
        check(DataDirFixtures.unpack("unclean_data.tar.gz", temp), DataDirFixtures.expected("expected-unclean.json"));
    }

    private static void check(Path folder, ObjectDatum expected) throws Exception {
        DataDirectory dir = DataDirectory.open(folder, false);
        Map<String, TableConfig> byName = new TreeMap<>();
        for (TableConfig t : dir.tables()) {
            byName.put(dir.databaseName(t) + "." + t.name(), t);
        }
        ObjectDatum tables = (ObjectDatum) expected.get("tables");
        assertThat(byName.keySet()).containsExactlyInAnyOrderElementsOf(tables.fields().keySet());
        for (Map.Entry<String, TableConfig> e : byName.entrySet()) {
            ObjectDatum want = (ObjectDatum) tables.get(e.getKey());
            TableConfig config = e.getValue();
            assertThat(config.primaryKey()).as(e.getKey()).isEqualTo(((StringDatum) want.get("primary_key")).value());
            assertIndexesAndHook(e.getKey(), config, want);
            List<String> rows = new ArrayList<>();
            try (TableFile file = dir.openTable(config)) {
                file.rows((json, length) -> rows.add(new String(json, 0, length, StandardCharsets.UTF_8)));
            }
            List<String> wanted = new ArrayList<>();
            for (Datum row : ((ArrayDatum) want.get("rows")).items()) {
                wanted.add(DatumJson.write(row));
            }
            List<String> got = rows.stream().map(r -> DatumJson.write(DatumJson.parse(r))).toList();
            assertThat(got).as(e.getKey() + " rows, in primary-key order").containsExactlyElementsOf(wanted);
        }
    }

    /** The index_status function blobs and the write hook blob are byte for byte the ones RethinkDB reported. */
    private static void assertIndexesAndHook(String table, TableConfig config, ObjectDatum want) {
        Map<String, String> expectedIndexes = new TreeMap<>();
        for (Datum d : ((ArrayDatum) want.get("indexes")).items()) {
            ObjectDatum index = (ObjectDatum) d;
            expectedIndexes.put(((StringDatum) index.get("index")).value(), DatumJson.write(index.get("function"))
                    + " multi=" + index.get("multi") + " geo=" + index.get("geo"));
        }
        Map<String, String> actual = new TreeMap<>();
        for (TableConfig.IndexDefinition index : config.indexes()) {
            actual.put(index.name(), DatumJson.write(BinaryDatum.wrap(index.function())) + " multi=" + index.multi()
                    + " geo=" + index.geo());
        }
        assertThat(actual).as(table + " indexes").isEqualTo(expectedIndexes);
        Datum hook = want.get("write_hook");
        if (hook instanceof ObjectDatum h) {
            assertThat(DatumJson.write(BinaryDatum.wrap(config.writeHook()))).as(table + " write hook")
                    .isEqualTo(DatumJson.write(h.get("function")));
        } else {
            assertThat(config.writeHook()).as(table + " write hook").isNull();
        }
    }
}
