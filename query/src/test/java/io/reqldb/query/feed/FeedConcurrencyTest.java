package io.reqldb.query.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.reqldb.datum.Datum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.storage.Durability;
import io.reqldb.storage.KeyRange;
import io.reqldb.storage.Table;
import io.reqldb.storage.TableOptions;
import io.reqldb.storage.rocksdb.RocksStore;
import io.reqldb.storage.rocksdb.RocksStoreOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many feeds on one table under concurrent writers: every write seen once, in order per key. */
class FeedConcurrencyTest {
    private static final int FEEDS = 100;
    private static final int WRITERS = 4;
    private static final int WRITES = 10_000;
    private static final int KEYS = 50;

    @TempDir
    Path dir;

    @Test
    void hundredFeeds_eachSeeEveryWriteOnceInOrderPerKey() throws Exception {
        try (RocksStore store = RocksStore.open(dir, new RocksStoreOptions(8, 4))) {
            store.createDatabase("test");
            store.createTable("test", "t", TableOptions.DEFAULT);
            hundredFeeds(store.table("test", "t"));
        }
    }

    private static void hundredFeeds(Table table) throws Exception {
        List<Feed> feeds = new ArrayList<>();
        for (int i = 0; i < FEEDS; i++) {
            // Both kinds of table feed: one reads the shared log directly, the other queues changes.
            feeds.add(i % 2 == 0 ? new TableFeed(table, null, FeedOptions.defaults())
                    : new RangeFeed(table, null, FeedOptions.defaults(), doc -> 1,
                    new RowTransform(List.of(), null), () -> table.scan(KeyRange.ALL, false)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(FEEDS + WRITERS);
        try {
            List<Future<String>> readers = new ArrayList<>();
            for (Feed feed : feeds) {
                readers.add(pool.submit(() -> check(feed)));
            }
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    for (int i = writer; i < WRITES; i += WRITERS) {
                        int key = i % KEYS;
                        table.modify(NumberDatum.of(key), old -> {
                            long v = old == null ? 1 : (long) ((NumberDatum) ((ObjectDatum) old).get("v")).value() + 1;
                            Map<String, Datum> m = new HashMap<>();
                            m.put("id", NumberDatum.of(key));
                            m.put("v", NumberDatum.of(v));
                            return ObjectDatum.copyOf(m);
                        }, Durability.SOFT);
                    }
                }));
            }
            for (Future<?> f : writers) {
                f.get(60, TimeUnit.SECONDS);
            }
            for (Future<String> r : readers) {
                assertThat(r.get(60, TimeUnit.SECONDS)).isEqualTo("ok");
            }
        } finally {
            feeds.forEach(Feed::close);
            pool.shutdownNow();
        }
        assertThat(FeedHub.feedCount(table)).isZero();
    }

    /** Reads WRITES changes; each key's versions must go 1, 2, 3, ... with no gap or repeat. */
    private static String check(Feed feed) {
        Map<Datum, Long> last = new HashMap<>();
        for (int n = 0; n < WRITES; n++) {
            Datum change = feed.next(System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
            ObjectDatum nv = (ObjectDatum) ((ObjectDatum) change).get("new_val");
            long v = (long) ((NumberDatum) nv.get("v")).value();
            long prev = last.getOrDefault(nv.get("id"), 0L);
            if (v != prev + 1) {
                return "key " + nv.get("id") + " went from " + prev + " to " + v;
            }
            last.put(nv.get("id"), v);
        }
        return "ok";
    }
}
