package io.reqldb.storage.rocksdb;

import static io.reqldb.storage.rocksdb.Docs.drain;
import static io.reqldb.storage.rocksdb.Docs.field;
import static io.reqldb.storage.rocksdb.Docs.json;
import static io.reqldb.storage.rocksdb.Docs.num;
import static io.reqldb.storage.rocksdb.Docs.nums;
import static io.reqldb.storage.rocksdb.Docs.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reqldb.datum.Datum;
import io.reqldb.datum.ExtremeDatum;
import io.reqldb.storage.DocumentCursor;
import io.reqldb.storage.Durability;
import io.reqldb.storage.KeyRange;
import io.reqldb.storage.Snapshot;
import io.reqldb.storage.StorageException;
import io.reqldb.storage.Table;
import io.reqldb.storage.Table.WriteResult;
import io.reqldb.storage.TableOptions;
import io.reqldb.storage.TableReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class RocksTableTest extends OneTableStoreTest {
    private void put(Datum doc, Datum id) {
        table.modify(id, old -> doc, Durability.SOFT);
    }

    private void putNumbers(int from, int to) {
        for (int i = from; i <= to; i++) {
            put(json("{'id':" + i + "}"), num(i));
        }
    }

    @Test
    void modify_insertsUpdatesAndDeletes() {
        WriteResult inserted = table.modify(num(1), old -> json("{'id':1,'v':'a'}"), Durability.HARD);
        assertThat(inserted.oldValue()).isNull();
        assertThat(table.get(num(1))).isEqualTo(json("{'id':1,'v':'a'}"));
        assertThat(table.count()).isEqualTo(1);

        WriteResult updated = table.modify(num(1), old -> json("{'id':1,'v':'b'}"), Durability.SOFT);
        assertThat(updated.oldValue()).isEqualTo(json("{'id':1,'v':'a'}"));
        assertThat(table.count()).isEqualTo(1);

        WriteResult same = table.modify(num(1), old -> old, Durability.SOFT);
        assertThat(same.newValue()).isSameAs(same.oldValue());

        WriteResult deleted = table.modify(num(1), old -> null, Durability.SOFT);
        assertThat(deleted.newValue()).isNull();
        assertThat(table.get(num(1))).isNull();
        assertThat(table.count()).isZero();

        assertThat(table.modify(num(2), old -> null, Durability.SOFT).oldValue()).isNull();
        assertThat(table.count()).isZero();
    }

    @Test
    void modify_exceptionWritesNothing() {
        assertThatThrownBy(() -> table.modify(num(1), old -> {
            throw new IllegalStateException("boom");
        }, Durability.SOFT)).hasMessage("boom");
        assertThat(table.get(num(1))).isNull();
        assertThat(table.count()).isZero();
    }

    @Test
    void documents_roundTripEveryValueKind() {
        Datum doc = json("{'id':'k','n':null,'b':true,'i':-42,'d':1.5,'big':1e300,'s':'h\u00e9\\u0000llo',"
                + "'a':[1,[2],{}],'o':{'x':{'y':[]}},'t':{'$reql_type$':'TIME','epoch_time':1.25,'timezone':'+02:00'},"
                + "'bin':{'$reql_type$':'BINARY','data':'AAEC'}}");
        put(doc, str("k"));
        Datum back = table.get(str("k"));
        assertThat(back).isEqualTo(doc);
        assertThat(back.toString()).isEqualTo(doc.toString()); // the time zone survives too
    }

    @Test
    void scan_everyBoundKindBothDirections() {
        putNumbers(1, 9);
        record Case(KeyRange range, List<Datum> ascending) {
        }
        List<Case> cases = List.of(
                new Case(KeyRange.ALL, nums(1, 2, 3, 4, 5, 6, 7, 8, 9)),
                new Case(new KeyRange(num(3), true, num(6), true), nums(3, 4, 5, 6)),
                new Case(new KeyRange(num(3), false, num(6), true), nums(4, 5, 6)),
                new Case(new KeyRange(num(3), true, num(6), false), nums(3, 4, 5)),
                new Case(new KeyRange(num(3), false, num(6), false), nums(4, 5)),
                new Case(new KeyRange(null, true, num(3), false), nums(1, 2)),
                new Case(new KeyRange(num(7), true, null, false), nums(7, 8, 9)),
                new Case(new KeyRange(ExtremeDatum.MIN, true, num(2), true), nums(1, 2)),
                new Case(new KeyRange(num(8), false, ExtremeDatum.MAX, false), nums(9)),
                new Case(new KeyRange(num(2.5), true, num(4.5), true), nums(3, 4)),
                new Case(KeyRange.exactly(num(5)), nums(5)),
                new Case(new KeyRange(num(5), false, num(5), false), nums()),
                new Case(new KeyRange(num(6), true, num(3), true), nums()),
                new Case(new KeyRange(str("a"), true, null, false), nums()));
        for (Case c : cases) {
            assertThat(field(drain(table.scan(c.range(), false)), "id")).as("asc %s", c.range())
                    .isEqualTo(c.ascending());
            List<Datum> descending = new ArrayList<>(c.ascending());
            Collections.reverse(descending);
            assertThat(field(drain(table.scan(c.range(), true)), "id")).as("desc %s", c.range())
                    .isEqualTo(descending);
        }
    }

    @Test
    void scan_staysInsideItsTable() {
        store.createTable("db", "other", TableOptions.DEFAULT);
        Table other = store.table("db", "other");
        other.modify(num(0), old -> json("{'id':0}"), Durability.SOFT);
        putNumbers(1, 3);
        store.createTable("db", "later", TableOptions.DEFAULT);
        store.table("db", "later").modify(num(5), old -> json("{'id':5}"), Durability.SOFT);
        assertThat(field(drain(table.scan(KeyRange.ALL, true)), "id")).isEqualTo(nums(3, 2, 1));
        assertThat(field(drain(other.scan(KeyRange.ALL, false)), "id")).isEqualTo(nums(0));
    }

    @Test
    void scan_mixedKeyTypesFollowDatumOrder() {
        put(json("{'id':'s'}"), str("s"));
        put(json("{'id':5}"), num(5));
        put(json("{'id':[1]}"), json("[1]"));
        put(json("{'id':true}"), json("true"));
        assertThat(field(drain(table.scan(KeyRange.ALL, false)), "id"))
                .containsExactly(json("[1]"), json("true"), num(5), str("s"));
    }

    @Test
    void modifyAll_batchesAndSeesEarlierChangesToTheSameKey() {
        List<Datum> keys = new ArrayList<>();
        List<UnaryOperator<Datum>> changes = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Datum doc = json("{'id':" + i + "}");
            keys.add(num(i));
            changes.add(old -> doc);
        }
        keys.add(num(7));
        changes.add(old -> old == null ? null : json("{'id':7,'again':true}"));
        List<WriteResult> results = table.modifyAll(keys, changes, Durability.HARD);
        assertThat(results).hasSize(1001);
        assertThat(results.get(1000).oldValue()).isEqualTo(json("{'id':7}"));
        assertThat(table.count()).isEqualTo(1000);
        assertThat(table.get(num(7))).isEqualTo(json("{'id':7,'again':true}"));
        assertThat(drain(table.scan(KeyRange.ALL, false))).hasSize(1000);
    }

    @Test
    void modifyAll_failureKeepsEarlierDocuments() {
        List<Datum> keys = List.of(num(1), num(2), num(3));
        List<UnaryOperator<Datum>> changes = List.of(
                old -> json("{'id':1}"),
                old -> {
                    throw new IllegalArgumentException("bad");
                },
                old -> json("{'id':3}"));
        assertThatThrownBy(() -> table.modifyAll(keys, changes, Durability.SOFT)).hasMessage("bad");
        assertThat(table.get(num(1))).isNotNull();
        assertThat(table.get(num(3))).isNull();
        assertThat(table.count()).isEqualTo(1);
    }

    @Test
    void close_closesLeftoverCursorsAndRefusesFurtherWork() {
        putNumbers(1, 3);
        io.reqldb.storage.DocumentCursor cursor = table.scan(KeyRange.ALL, false);
        assertThat(cursor.next()).isNotNull();
        io.reqldb.storage.Snapshot snapshot = store.snapshot();
        store.close();
        assertThatThrownBy(cursor::next).isInstanceOf(io.reqldb.storage.StorageException.class);
        assertThatThrownBy(() -> table.get(num(1))).isInstanceOf(io.reqldb.storage.StorageException.class);
        assertThatThrownBy(() -> table.modify(num(1), old -> null, Durability.HARD))
                .isInstanceOf(io.reqldb.storage.StorageException.class);
        assertThatThrownBy(() -> store.createDatabase("x")).isInstanceOf(io.reqldb.storage.StorageException.class);
        cursor.close();
        snapshot.close();
    }

    /**
     * One client releases a snapshot while another's query still reads it (a cancelled dump, an
     * expired ttl): the running read finishes as of the snapshot, the native snapshot is freed
     * when it closes, and reads that would start later are refused instead of crashing the JVM.
     */
    @Test
    void snapshotReleasedWhileRead_servesTheOpenCursorThenRefusesNewReads() {
        putNumbers(1, 3);
        Snapshot snapshot = store.snapshot();
        TableReader reader = snapshot.table("db", "t");
        DocumentCursor cursor = reader.scan(KeyRange.ALL, false);
        assertThat(cursor.next()).isNotNull();
        put(json("{'id':4}"), num(4));
        snapshot.close();
        assertThat(cursor.next()).isNotNull();
        assertThat(cursor.next()).isNotNull();
        assertThat(cursor.next()).isNull();
        cursor.close();
        assertThatThrownBy(() -> reader.scan(KeyRange.ALL, false)).isInstanceOfSatisfying(StorageException.class,
                e -> assertThat(e.code()).isEqualTo(StorageException.Code.SNAPSHOT_RELEASED));
        assertThatThrownBy(() -> reader.get(num(1))).isInstanceOfSatisfying(StorageException.class,
                e -> assertThat(e.code()).isEqualTo(StorageException.Code.SNAPSHOT_RELEASED));
        assertThatThrownBy(() -> reader.countRange(null, KeyRange.ALL)).isInstanceOf(StorageException.class);
    }
}
