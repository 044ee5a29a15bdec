package io.reqldb.storage.rocksdb;

import static io.reqldb.storage.rocksdb.Docs.drain;
import static io.reqldb.storage.rocksdb.Docs.field;
import static io.reqldb.storage.rocksdb.Docs.fieldIndex;
import static io.reqldb.storage.rocksdb.Docs.json;
import static io.reqldb.storage.rocksdb.Docs.num;
import static io.reqldb.storage.rocksdb.Docs.nums;
import static io.reqldb.storage.rocksdb.Docs.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reqldb.datum.Datum;
import io.reqldb.storage.DocumentCursor;
import io.reqldb.storage.Durability;
import io.reqldb.storage.IndexStatus;
import io.reqldb.storage.KeyRange;
import io.reqldb.storage.StorageException;
import io.reqldb.storage.StorageException.Code;
import io.reqldb.storage.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class RocksIndexTest extends OneTableStoreTest {
    /** Inserts {id: i, v: value(i)} for each i. */
    private void insert(int n, java.util.function.IntFunction<String> value) {
        List<Datum> keys = new ArrayList<>();
        List<UnaryOperator<Datum>> changes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Datum doc = json("{'id':" + i + ",'v':" + value.apply(i) + "}");
            keys.add(num(i));
            changes.add(old -> doc);
        }
        table.modifyAll(keys, changes, Durability.SOFT);
    }

    private void createAndWait(String name, String field, boolean multi) {
        table.createIndex(fieldIndex(name, field, multi), Docs.FIELD_COMPILER.compile(fieldIndex(name, field, multi)));
        awaitReady(table, name);
    }

    static void awaitReady(Table table, String name) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!table.indexes().stream().anyMatch(s -> s.definition().name().equals(name) && s.ready())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("index " + name + " not ready in time");
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private List<Datum> ids(String index, KeyRange range, boolean descending) {
        return field(drain(table.indexScan(index, range, descending)), "id");
    }

    @Test
    void createIndex_onExistingDocumentsThenQuery() {
        insert(1000, i -> String.valueOf(i % 10));
        createAndWait("v", "v", false);
        assertThat(ids("v", KeyRange.exactly(num(3)), false)).hasSize(100)
                .allMatch(id -> ((io.reqldb.datum.NumberDatum) id).value() % 10 == 3);
        List<Datum> asc = ids("v", new KeyRange(num(8), false, null, false), false);
        assertThat(asc).hasSize(100);
        assertThat(asc.get(0)).isEqualTo(num(9)); // ties by primary key
        assertThat(asc.get(99)).isEqualTo(num(999));
        assertThat(ids("v", new KeyRange(null, false, num(1), false), true)).hasSize(100);
    }

    @Test
    void index_followsInsertsUpdatesAndDeletes() {
        createAndWait("v", "v", false);
        insert(3, i -> "'" + (char) ('c' - i) + "'");   // 0:c 1:b 2:a
        assertThat(ids("v", KeyRange.ALL, false)).isEqualTo(nums(2, 1, 0));
        table.modify(num(2), old -> json("{'id':2,'v':'z'}"), Durability.SOFT);
        table.modify(num(1), old -> null, Durability.SOFT);
        table.modify(num(0), old -> json("{'id':0}"), Durability.SOFT); // no longer indexed
        assertThat(ids("v", KeyRange.ALL, false)).isEqualTo(nums(2));
        try (DocumentCursor c = table.indexScan("v", KeyRange.ALL, true)) {
            assertThat(c.next()).isEqualTo(json("{'id':2,'v':'z'}"));
            assertThat(c.currentIndexValue()).isEqualTo(str("z"));
            assertThat(c.next()).isNull();
        }
    }

    @Test
    void multiIndex_yieldsADocumentPerMatchingValue() {
        createAndWait("tags", "tags", true);
        table.modify(num(1), old -> json("{'id':1,'tags':['a','b','a']}"), Durability.SOFT);
        table.modify(num(2), old -> json("{'id':2,'tags':['b','c']}"), Durability.SOFT);
        assertThat(ids("tags", KeyRange.exactly(str("b")), false)).isEqualTo(nums(1, 2));
        assertThat(ids("tags", KeyRange.ALL, false)).isEqualTo(nums(1, 1, 2, 2));
        table.modify(num(1), old -> json("{'id':1,'tags':['c']}"), Durability.SOFT);
        assertThat(ids("tags", KeyRange.exactly(str("c")), false)).isEqualTo(nums(1, 2));
        assertThat(ids("tags", KeyRange.exactly(str("a")), false)).isEmpty();
    }

    @Test
    void compoundValues_rangeWithMinvalMaxval() {
        createAndWait("pair", "pair", false);
        table.modify(num(1), old -> json("{'id':1,'pair':[1,'a']}"), Durability.SOFT);
        table.modify(num(2), old -> json("{'id':2,'pair':[1,'b']}"), Durability.SOFT);
        table.modify(num(3), old -> json("{'id':3,'pair':[2,'a']}"), Durability.SOFT);
        Datum lo = io.reqldb.datum.ArrayDatum.of(num(1), io.reqldb.datum.ExtremeDatum.MIN);
        Datum hi = io.reqldb.datum.ArrayDatum.of(num(1), io.reqldb.datum.ExtremeDatum.MAX);
        assertThat(ids("pair", new KeyRange(lo, true, hi, false), false)).isEqualTo(nums(1, 2));
    }

    @Test
    void indexScan_missingAndNotReady() {
        assertThatThrownBy(() -> table.indexScan("nope", KeyRange.ALL, false))
                .extracting(t -> ((StorageException) t).code()).isEqualTo(Code.INDEX_MISSING);
        insert(10, String::valueOf);
        CountDownLatch release = new CountDownLatch(1);
        table.createIndex(fieldIndex("slow", "v", false), doc -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of(((io.reqldb.datum.ObjectDatum) doc).get("v"));
        });
        IndexStatus status = table.indexes().get(0);
        assertThat(status.ready()).isFalse();
        assertThat(status.progress()).isLessThan(1.0);
        assertThatThrownBy(() -> table.indexScan("slow", KeyRange.ALL, false))
                .extracting(t -> ((StorageException) t).code()).isEqualTo(Code.INDEX_NOT_READY);
        release.countDown();
        awaitReady(table, "slow");
        assertThatThrownBy(() -> table.createIndex(fieldIndex("slow", "v", false), Docs.field("v", false)))
                .extracting(t -> ((StorageException) t).code()).isEqualTo(Code.INDEX_EXISTS);
        assertThat(ids("slow", KeyRange.ALL, false)).hasSize(10);
    }

    @Test
    void renameIndex_withAndWithoutOverwrite() {
        insert(5, String::valueOf);
        createAndWait("a", "v", false);
        createAndWait("b", "id", false);
        assertThatThrownBy(() -> table.renameIndex("a", "b", false))
                .extracting(t -> ((StorageException) t).code()).isEqualTo(Code.INDEX_EXISTS);
        assertThatThrownBy(() -> table.renameIndex("zz", "y", false))
                .extracting(t -> ((StorageException) t).code()).isEqualTo(Code.INDEX_MISSING);
        table.renameIndex("a", "c", false);
        assertThat(table.indexes()).extracting(s -> s.definition().name()).containsExactly("b", "c");
        assertThat(ids("c", KeyRange.exactly(num(3)), false)).isEqualTo(nums(3));
        table.renameIndex("c", "b", true);
        assertThat(table.indexes()).extracting(s -> s.definition().name()).containsExactly("b");
        assertThat(ids("b", KeyRange.ALL, true)).isEqualTo(nums(4, 3, 2, 1, 0));
    }

    @Test
    void dropIndex_removesDefinitionAndEntries() {
        insert(5, String::valueOf);
        createAndWait("v", "v", false);
        table.dropIndex("v");
        assertThat(table.indexes()).isEmpty();
        assertThatThrownBy(() -> table.dropIndex("v"))
                .extracting(t -> ((StorageException) t).code()).isEqualTo(Code.INDEX_MISSING);
        createAndWait("v", "id", false);
        assertThat(ids("v", KeyRange.ALL, false)).isEqualTo(nums(0, 1, 2, 3, 4));
    }
}
