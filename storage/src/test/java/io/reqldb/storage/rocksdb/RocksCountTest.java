package io.reqldb.storage.rocksdb;

import static io.reqldb.storage.rocksdb.Docs.fieldIndex;
import static io.reqldb.storage.rocksdb.Docs.json;
import static io.reqldb.storage.rocksdb.Docs.num;
import static io.reqldb.storage.rocksdb.Docs.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reqldb.datum.Datum;
import io.reqldb.storage.DocumentCursor;
import io.reqldb.storage.Durability;
import io.reqldb.storage.KeyRange;
import io.reqldb.storage.StorageException;
import io.reqldb.storage.StorageException.Code;
import io.reqldb.storage.TableReader;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link TableReader#countRange} counts keys alone and must agree with the scans it stands for. */
class RocksCountTest extends OneTableStoreTest {
    @BeforeEach
    void indexAndFill() {
        for (String name : List.of("g", "tags")) {
            boolean multi = name.equals("tags");
            table.createIndex(fieldIndex(name, name, multi), Docs.FIELD_COMPILER.compile(fieldIndex(name, name, multi)));
            RocksIndexTest.awaitReady(table, name);
        }
        for (int i = 0; i < 50; i++) {
            Datum doc = json("{'id':" + i + ",'g':" + (i % 5) + ",'tags':['t" + (i % 3) + "','all']}");
            table.modify(num(i), old -> doc, Durability.SOFT);
        }
    }

    private static long scanned(TableReader t, String index, KeyRange range) {
        long n = 0;
        try (DocumentCursor c = index == null ? t.scan(range, false) : t.indexScan(index, range, false)) {
            while (c.next() != null) {
                n++;
            }
        }
        return n;
    }

    @Test
    void countRange_agreesWithScans() {
        List<KeyRange> ranges = List.of(KeyRange.ALL, KeyRange.exactly(num(2)), KeyRange.exactly(str("all")),
                KeyRange.exactly(str("t1")), new KeyRange(num(1), true, num(3), false), KeyRange.exactly(num(99)));
        for (String index : new String[] {null, "g", "tags"}) {
            for (KeyRange r : ranges) {
                assertThat(table.countRange(index, r)).as(index + " " + r).isEqualTo(scanned(table, index, r));
            }
        }
        assertThat(table.countRange("g", KeyRange.exactly(num(2)))).isEqualTo(10);
        assertThat(table.countRange("tags", KeyRange.ALL)).isEqualTo(100);
        assertThat(table.countRange(null, KeyRange.ALL)).isEqualTo(50);
    }

    @Test
    void countRange_followsDeletesAndIndexChanges() {
        table.modify(num(2), old -> null, Durability.SOFT);
        table.modify(num(7), old -> json("{'id':7,'g':0}"), Durability.SOFT);
        assertThat(table.countRange("g", KeyRange.exactly(num(2)))).isEqualTo(8);
        assertThat(table.countRange("tags", KeyRange.exactly(str("all")))).isEqualTo(48);
        assertThat(table.countRange(null, KeyRange.ALL)).isEqualTo(49);
    }

    @Test
    void countRange_missingIndex() {
        assertThatThrownBy(() -> table.countRange("nope", KeyRange.ALL))
                .extracting(t -> ((StorageException) t).code()).isEqualTo(Code.INDEX_MISSING);
    }
}
