package io.reqldb.bench.rethinkdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.reqldb.rethinkdata.DataDirectory;
import io.reqldb.rethinkdata.TableConfig;
import io.reqldb.rethinkdata.TableFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's synthetic folder reads back through the reader like one RethinkDB wrote: every
 * document once, in primary-key order, through internal levels, blob values and LBA extents.
 */
class SyntheticDataDirTest {
    @TempDir
    Path tmp;

    @Test
    void everyDocumentReadsBack_inKeyOrder() throws Exception {
        int n = 20_000; // 2,500 rows a store: internal nodes above the leaves
        SyntheticDataDir.write(tmp.resolve("rethinkdb_data"), n);
        DataDirectory dir = DataDirectory.open(tmp.resolve("rethinkdb_data"), false);
        TableConfig docs = dir.tables().get(0);
        assertThat(dir.databaseName(docs) + "." + docs.name()).isEqualTo("bench.docs");
        assertThat(docs.primaryKey()).isEqualTo("id");
        List<String> rows = new ArrayList<>();
        try (TableFile file = dir.openTable(docs)) {
            assertThat(file.estimatedRows()).isEqualTo(n);
            file.rows((json, length) -> rows.add(new String(json, 0, length, StandardCharsets.UTF_8)));
        }
        assertThat(rows).hasSize(n);
        assertThat(rows.get(1)).isEqualTo("{\"id\":\"doc000000001\",\"n\":1,\"name\":\"user 1\",\"ok\":true,"
                + "\"score\":0.1,\"tags\":[\"t1\",\"x\"]}");
        assertThat(rows.get(200)).startsWith("{\"id\":\"doc000000200\"").contains("\"text\":\"lorem ipsum lorem")
                .hasSizeGreaterThan(6000);
        for (int i = 0; i < n; i += 997) {
            assertThat(rows.get(i)).startsWith(String.format("{\"id\":\"doc%09d\"", i));
        }
    }
}
