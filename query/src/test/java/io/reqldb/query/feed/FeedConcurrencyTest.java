package io.reqldb.query.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.reqldb.datum.Datum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.storage.Durability;
import io.reqldb.storage.KeyRange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many feeds on one table under concurrent writers: every write seen once, in order per key. */
class FeedConcurrencyTest {
    private static final int FEEDS = 100;
    private static final int WRITERS = 4;
    private static final int WRITES = 10_000;
    private static final int KEYS = 50;

    @Test
    void hundredFeeds_eachSeeEveryWriteOnceInOrderPerKey() throws Exception {
        MemTable table = new MemTable();
        List<Feed> feeds = new ArrayList<>();
        for (int i = 0; i < FEEDS; i++) {
            feeds.add(new RangeFeed(table, null, FeedOptions.defaults(), doc -> 1,
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
        assertThat(table.listenerCount()).isZero();
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
