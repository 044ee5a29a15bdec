package io.reqldb.storage.rocksdb;

import static io.reqldb.storage.rocksdb.Docs.drain;
import static io.reqldb.storage.rocksdb.Docs.field;
import static io.reqldb.storage.rocksdb.Docs.json;
import static io.reqldb.storage.rocksdb.Docs.num;
import static org.assertj.core.api.Assertions.assertThat;

import io.reqldb.datum.Datum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.storage.Durability;
import io.reqldb.storage.KeyRange;
import io.reqldb.storage.Snapshot;
import io.reqldb.storage.Table;
import io.reqldb.storage.TableOptions;
import io.reqldb.storage.TableReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RocksConcurrencyTest extends OneTableStoreTest {
    private static final int THREADS = 8;

    ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void close() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    private static double counter(Datum doc) {
        return doc == null ? 0 : ((NumberDatum) ((ObjectDatum) doc).get("n")).value();
    }

    /** Runs {@code perThread} writes on each of 8 threads, all starting together. */
    private void inParallel(int perThread, java.util.function.BiConsumer<Integer, Integer> write) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    write.accept(thread, i);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void modify_oneKeyFromEightThreadsLosesNoUpdate() throws Exception {
        inParallel(200, (thread, i) -> table.modify(num(1),
                old -> json("{'id':1,'n':" + (counter(old) + 1) + "}"), Durability.SOFT));
        assertThat(counter(table.get(num(1)))).isEqualTo(THREADS * 200);
    }

    @Test
    void hardWrites_shareWalSyncs() throws Exception {
        long before = store.walSyncCount();
        inParallel(25, (thread, i) -> table.modify(num(thread * 1000 + i),
                old -> json("{'id':" + (thread * 1000 + i) + "}"), Durability.HARD));
        long syncs = store.walSyncCount() - before;
        assertThat(table.count()).isEqualTo(THREADS * 25);
        assertThat(syncs).isPositive().isLessThan(THREADS * 25);
    }

    @Test
    void hardWrite_survivesReopen() {
        table.modify(num(1), old -> json("{'id':1}"), Durability.HARD);
        store.close();
        store = RocksStore.open(dir, new RocksStoreOptions(8, 4));
        assertThat(store.table("db", "t").get(num(1))).isEqualTo(json("{'id':1}"));
    }

    @Test
    void snapshot_readsEveryTableAsOfOneInstant() {
        store.createTable("db", "u", TableOptions.DEFAULT);
        Table other = store.table("db", "u");
        table.modify(num(1), old -> json("{'id':1,'n':1}"), Durability.SOFT);
        other.modify(num(1), old -> json("{'id':1,'n':1}"), Durability.SOFT);
        try (Snapshot snap = store.snapshot()) {
            table.modify(num(1), old -> json("{'id':1,'n':2}"), Durability.SOFT);
            table.modify(num(2), old -> json("{'id':2,'n':2}"), Durability.SOFT);
            other.modify(num(1), old -> null, Durability.SOFT);
            store.createTable("db", "later", TableOptions.DEFAULT);
            TableReader t = snap.table("db", "t");
            assertThat(counter(t.get(num(1)))).isEqualTo(1);
            assertThat(field(drain(t.scan(KeyRange.ALL, false)), "id")).containsExactly(num(1));
            assertThat(snap.table("db", "u").get(num(1))).isNotNull();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> snap.table("db", "later"))
                    .isInstanceOf(io.reqldb.storage.StorageException.class);
        }
        assertThat(counter(table.get(num(1)))).isEqualTo(2);
    }

    @Test
    void listeners_seeEachDocumentsChangesInCommitOrder() throws Exception {
        List<Datum[]> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        AutoCloseable subscription = table.subscribe(changes -> changes.forEach(
                c -> seen.add(new Datum[] {c.oldValue(), c.newValue()})));
        inParallel(50, (thread, i) -> table.modify(num(thread % 2),
                old -> json("{'id':" + (thread % 2) + ",'n':" + (counter(old) + 1) + "}"), Durability.SOFT));
        subscription.close();
        table.modify(num(0), old -> null, Durability.SOFT);
        assertThat(seen).hasSize(THREADS * 50);
        // Per document, the n-th change seen takes the counter from n - 1 to n.
        double[] last = new double[2];
        for (Datum[] change : seen) {
            int id = (int) ((NumberDatum) ((ObjectDatum) change[1]).get("id")).value();
            assertThat(counter(change[0])).isEqualTo(last[id]);
            assertThat(counter(change[1])).isEqualTo(last[id] + 1);
            last[id]++;
        }
    }
}
