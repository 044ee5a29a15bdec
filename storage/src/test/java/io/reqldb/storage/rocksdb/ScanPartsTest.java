package io.reqldb.storage.rocksdb;

import static io.reqldb.storage.rocksdb.Docs.json;
import static io.reqldb.storage.rocksdb.Docs.num;
import static org.assertj.core.api.Assertions.assertThat;

import io.reqldb.datum.Datum;
import io.reqldb.storage.DocumentCursor;
import io.reqldb.storage.Durability;
import io.reqldb.storage.KeyRange;
import io.reqldb.storage.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** A table cut into parts for parallel reads: in order, every row once, all of one instant. */
class ScanPartsTest extends OneTableStoreTest {
    private void fill(int rows) {
        List<Datum> keys = new ArrayList<>();
        List<UnaryOperator<Datum>> docs = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            Datum doc = json("{'id':" + i + ",'v':" + i % 13 + "}");
            keys.add(num(i));
            docs.add(old -> doc);
        }
        table.modifyAll(keys, docs, Durability.SOFT);
    }

    private static List<Datum> concat(List<DocumentCursor> parts) {
        List<Datum> all = new ArrayList<>();
        parts.forEach(p -> all.addAll(Docs.drain(p)));
        return all;
    }

    @Test
    void partsPutTogetherAreOneScan() {
        fill(1000);
        List<DocumentCursor> parts = table.scanParts(4, table.count());
        assertThat(parts).hasSize(4);
        assertThat(concat(parts)).isEqualTo(Docs.drain(table.scan(KeyRange.ALL, false)));
    }

    @Test
    void partsReadOneInstantEvenAfterWrites() {
        fill(100);
        List<DocumentCursor> parts = table.scanParts(3, 100);
        table.modify(num(99), old -> null, Durability.SOFT);
        table.modify(num(1000), old -> json("{'id':1000}"), Durability.SOFT);
        List<Datum> seen = concat(parts);
        assertThat(seen).hasSize(100);
        assertThat(((io.reqldb.datum.ObjectDatum) seen.get(99)).get("id")).isEqualTo(num(99));
    }

    @Test
    void fewerRowsThanPartsGiveFewerParts() {
        fill(2);
        List<DocumentCursor> parts = table.scanParts(8, 2);
        assertThat(parts.size()).isLessThanOrEqualTo(2);
        assertThat(concat(parts)).hasSize(2);
        assertThat(concat(table.scanParts(4, 0))).hasSize(2);
    }

    @Test
    void partsOfASnapshotReadIt() {
        fill(50);
        try (Snapshot snap = store.snapshot()) {
            table.modify(num(0), old -> null, Durability.SOFT);
            assertThat(concat(snap.table("db", "t").scanParts(5, 50))).hasSize(50);
        }
    }
}
