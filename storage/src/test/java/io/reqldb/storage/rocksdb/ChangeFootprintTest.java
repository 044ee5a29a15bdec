package io.reqldb.storage.rocksdb;

import static io.reqldb.storage.rocksdb.Docs.json;
import static io.reqldb.storage.rocksdb.Docs.num;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumJson;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.storage.Durability;
import io.reqldb.storage.Table.WriteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * What a table tells its change listeners: writes that changed their document, with values in
 * stored form. A changefeed's log keeps them until its slowest reader has read them (100k writes
 * behind for a reader at the default queue size), so their size per write is the server's
 * footprint under feeds.
 */
class ChangeFootprintTest extends OneTableStoreTest {
    private static final int N = 4_000;

    @Test
    void toldValuesTakeAboutTheirStoredSizeNotTheirDecodedOne() {
        List<WriteResult> told = new ArrayList<>();
        table.subscribe(told::addAll);
        List<Datum> keys = new ArrayList<>(N);
        List<UnaryOperator<Datum>> inserts = new ArrayList<>(N);
        List<UnaryOperator<Datum>> updates = new ArrayList<>(N);
        for (int i = 0; i < N; i++) {
            int id = i;
            keys.add(num(i));
            inserts.add(old -> StoredDocumentHeapTest.office(id)); // built by the write, as a query's are
            updates.add(old -> {
                var m = ((ObjectDatum) old).toMutableMap();
                m.put("score", NumberDatum.of(-1));
                return ObjectDatum.wrap(m);
            });
        }
        long before = StoredDocumentHeapTest.usedAfterGc();
        table.modifyAll(keys, inserts, Durability.SOFT);
        table.modifyAll(keys, updates, Durability.SOFT);
        long perWrite = (StoredDocumentHeapTest.usedAfterGc() - before) / (2L * N);
        System.out.printf("heap kept per told write (insert or update of ~850 B documents): %,d bytes%n", perWrite);

        assertThat(told).hasSize(2 * N);
        // Told decoded, as they were, these writes kept 3,972 bytes each (an insert's new value
        // ~4.6 KB; an update's two share their unchanged field values). Records are ~700 bytes.
        assertThat(perWrite).isLessThan(2_000);
        WriteResult update = told.get(N + 7);
        assertThat(update.oldValue()).isEqualTo(StoredDocumentHeapTest.office(7));
        assertThat(((ObjectDatum) update.newValue()).get("score")).isEqualTo(NumberDatum.of(-1));
        assertThat(DatumJson.write(told.get(3).newValue())).isEqualTo(DatumJson.write(StoredDocumentHeapTest.office(3)));
    }

    @Test
    void aWriteThatLeavesItsDocumentEqualIsNotTold() {
        table.modify(num(1), old -> json("{'id':1,'v':'a'}"), Durability.SOFT);
        List<WriteResult> told = new ArrayList<>();
        table.subscribe(told::addAll);

        table.modify(num(1), old -> json("{'id':1,'v':'a'}"), Durability.SOFT); // equal, not the same object
        table.modifyAll(List.of(num(1), num(1), num(1)), List.of(
                old -> json("{'id':1,'v':'b'}"), old -> json("{'id':1,'v':'b'}"), old -> json("{'id':1,'v':'c'}")),
                Durability.SOFT);

        assertThat(told).extracting(WriteResult::oldValue, WriteResult::newValue).containsExactly(
                tuple(json("{'id':1,'v':'a'}"), json("{'id':1,'v':'b'}")),
                tuple(json("{'id':1,'v':'b'}"), json("{'id':1,'v':'c'}")));
    }
}
