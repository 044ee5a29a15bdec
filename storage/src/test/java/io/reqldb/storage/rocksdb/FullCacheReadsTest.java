package io.reqldb.storage.rocksdb;

import static io.reqldb.storage.rocksdb.Docs.num;
import static org.assertj.core.api.Assertions.assertThat;

import io.reqldb.datum.Datum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.storage.DocumentCursor;
import io.reqldb.storage.Durability;
import io.reqldb.storage.KeyRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reads while the block cache (8 MB) is full of blocks pinned by open cursors over documents of
 * 100 KB. Under RocksDB's strict limit every further get, scan and index read failed ("Insert
 * failed due to LRU cache being full") once about 22 cursors were open; the cache must instead
 * grow past its size by what is pinned.
 */
class FullCacheReadsTest extends OneTableStoreTest {
    private static final int ROWS = 120;
    private static final int CURSORS = 40;
    private static final String FILLER = "y".repeat(100_000);
    private final List<DocumentCursor> pinning = new ArrayList<>();

    @AfterEach
    void closePinningCursors() {
        pinning.forEach(DocumentCursor::close);
    }

    @Test
    void getsScansAndIndexReads_getPastACacheFullOfPinnedBlocks() {
        table.createIndex(Docs.fieldIndex("g", "g", false), Docs.field("g", false));
        for (int i = 0; i < ROWS; i++) {
            int n = i;
            table.modify(num(n), old -> ObjectDatum.copyOf(Map.of("id", num(n), "g", num(n % 2),
                    "s", new StringDatum(n + FILLER))), Durability.SOFT);
        }
        reopenSoReadsGoThroughTheBlockCache();

        for (int i = 0; i < CURSORS; i++) {
            DocumentCursor cursor = table.scan(KeyRange.ALL, false);
            assertThat(ids(cursor, i + 1)).isEqualTo(range(0, i + 1));
            pinning.add(cursor);
        }

        for (int i = 0; i < ROWS; i++) {
            assertThat(((ObjectDatum) table.get(num(i))).get("id")).isEqualTo(num(i));
        }
        assertThat(ids(table.scan(KeyRange.ALL, true), ROWS)).isEqualTo(IntStream.range(0, ROWS).mapToObj(i -> num(ROWS - 1 - i)).toList());
        assertThat(ids(table.indexScan("g", KeyRange.ALL, false), ROWS)).hasSize(ROWS).doesNotHaveDuplicates();
        for (int i = 0; i < pinning.size(); i++) {
            assertThat(ids(pinning.get(i), ROWS)).as("cursor %d, resumed", i).isEqualTo(range(i + 1, ROWS));
        }
    }

    private void reopenSoReadsGoThroughTheBlockCache() {
        store.close();
        store = RocksStore.open(dir, new RocksStoreOptions(8, 4));
        store.setIndexFunctionCompiler(Docs.FIELD_COMPILER);
        table = store.table("db", "t");
    }

    /** The ids of at most {@code n} more documents of the cursor. */
    private static List<Datum> ids(DocumentCursor cursor, int n) {
        List<Datum> out = new ArrayList<>();
        for (Datum d = out.size() < n ? cursor.next() : null; d != null; d = out.size() < n ? cursor.next() : null) {
            out.add(((ObjectDatum) d).get("id"));
        }
        return out;
    }

    private static List<Datum> range(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> num(i)).toList();
    }
}
