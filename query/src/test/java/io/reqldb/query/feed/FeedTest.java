package io.reqldb.query.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumJson;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.query.error.ReqlOpFailedError;
import io.reqldb.storage.Durability;
import io.reqldb.storage.KeyRange;
import io.reqldb.storage.Table;
import io.reqldb.storage.TableOptions;
import io.reqldb.storage.rocksdb.RocksStore;
import io.reqldb.storage.rocksdb.RocksStoreOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Feed logic on a RocksDB table: what each kind of feed reports, and when, and how drops end feeds. */
class FeedTest {
    @TempDir
    Path dir;
    private RocksStore store;
    private Table table;

    @BeforeEach
    void open() {
        store = RocksStore.open(dir, new RocksStoreOptions(8, 4));
        store.createDatabase("test");
        store.createTable("test", "t", TableOptions.DEFAULT);
        table = store.table("test", "t");
    }

    @AfterEach
    void close() {
        store.close();
    }

    static Datum json(String s) {
        return DatumJson.parse(s);
    }

    void put(String doc) {
        Datum d = json(doc);
        table.modify(((ObjectDatum) d).get("id"), old -> d, Durability.SOFT);
    }

    void delete(int id) {
        table.modify(NumberDatum.of(id), old -> null, Durability.SOFT);
    }

    static String take(Feed feed) {
        Datum d = feed.next(System.nanoTime() + TimeUnit.SECONDS.toNanos(2));
        return d == null ? null : DatumJson.write(d);
    }

    static boolean nothingReady(Feed feed) {
        try {
            feed.next(System.nanoTime());
            return false;
        } catch (BatchBoundary expected) {
            return true;
        }
    }

    static FeedOptions opts(boolean squash, int queue, boolean initial, boolean states, boolean types) {
        return new FeedOptions(squash, 0, queue, initial, states, types, false);
    }

    RangeFeed tableFeed(FeedOptions o) {
        return new RangeFeed(table, store, o, doc -> 1, new RowTransform(List.of(), null),
                () -> table.scan(KeyRange.ALL, false));
    }

    /** The two feeds {@code table.changes()} can be: plain options read the log directly, others queue changes. */
    enum Kind {
        TABLE, RANGE;

        Feed open(FeedTest t, FeedOptions o) {
            return this == TABLE ? new TableFeed(t.table, t.store, o) : t.tableFeed(o);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void tableFeed_reportsInsertUpdateDeleteInOrder(Kind kind) {
        try (Feed feed = kind.open(this, FeedOptions.defaults())) {
            put("{\"id\":1}");
            put("{\"id\":1,\"v\":2}");
            delete(1);
            assertThat(take(feed)).isEqualTo("{\"new_val\":{\"id\":1},\"old_val\":null}");
            assertThat(take(feed)).isEqualTo("{\"new_val\":{\"id\":1,\"v\":2},\"old_val\":{\"id\":1}}");
            assertThat(take(feed)).isEqualTo("{\"new_val\":null,\"old_val\":{\"id\":1,\"v\":2}}");
            assertThat(nothingReady(feed)).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void tableFeed_neverReportsAbortedWrites(Kind kind) {
        try (Feed feed = kind.open(this, FeedOptions.defaults())) {
            assertThatThrownBy(() -> table.modify(NumberDatum.of(1), old -> {
                throw new IllegalStateException("abort");
            }, Durability.SOFT)).isInstanceOf(IllegalStateException.class);
            assertThat(nothingReady(feed)).isTrue();
        }
    }

    @Test
    void squash_keepsFirstOldAndLastNew() {
        try (Feed feed = tableFeed(opts(true, 100, false, false, false))) {
            put("{\"id\":1}");
            put("{\"id\":2}");
            put("{\"id\":1,\"a\":1}");
            delete(2);
            assertThat(take(feed)).isEqualTo("{\"new_val\":{\"a\":1,\"id\":1},\"old_val\":null}");
            assertThat(nothingReady(feed)).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void tableFeed_writeThatChangesNothingIsNoChange(Kind kind) {
        put("{\"id\":1}");
        try (Feed feed = kind.open(this, FeedOptions.defaults())) {
            put("{\"id\":1}");
            put("{\"id\":1,\"v\":1}");
            assertThat(take(feed)).isEqualTo("{\"new_val\":{\"id\":1,\"v\":1},\"old_val\":{\"id\":1}}");
            assertThat(nothingReady(feed)).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void fullQueue_reportsSkippedElementsThenGoesOn(Kind kind) {
        try (Feed feed = kind.open(this, opts(false, 10, false, false, false))) {
            for (int i = 0; i < 11; i++) {
                put("{\"id\":" + i + "}");
            }
            put("{\"id\":100}");
            assertThat(take(feed)).isEqualTo(
                    "{\"error\":\"Changefeed cache over array size limit, skipped 11 elements.\"}");
            assertThat(take(feed)).isEqualTo("{\"new_val\":{\"id\":100},\"old_val\":null}");
        }
    }

    /** Feeds that show rows as stored hand out one object per write, not a copy per feed. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void plainFeeds_shareOneChangeObject(Kind kind) {
        try (Feed a = kind.open(this, FeedOptions.defaults()); Feed b = Kind.TABLE.open(this, FeedOptions.defaults())) {
            put("{\"id\":1}");
            Datum fromA = a.next(System.nanoTime() + TimeUnit.SECONDS.toNanos(2));
            Datum fromB = b.next(System.nanoTime() + TimeUnit.SECONDS.toNanos(2));
            assertThat(fromA).isSameAs(fromB);
        }
    }

    /** A reader that stops reading must not pin the shared log: the publisher catches it up. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void unreadFeed_isCaughtUpByWritersAndOverflowsAsItsQueueSizeSays(Kind kind) {
        try (Feed feed = kind.open(this, opts(false, 10, false, false, false))) {
            int writes = (int) (3 * FeedHub.MAX_LAG);
            for (int i = 0; i < writes; i++) {
                put("{\"id\":" + i + "}");
            }
            long published = writes;
            assertThat(published - feed.seen()).isLessThanOrEqualTo(2 * FeedHub.MAX_LAG);
            // Every 11th change overflowed the queue of 10; the last (writes % 11) remain.
            long skipped = writes - writes % 11;
            assertThat(take(feed)).isEqualTo(
                    "{\"error\":\"Changefeed cache over array size limit, skipped " + skipped + " elements.\"}");
            for (int i = writes - writes % 11; i < writes; i++) {
                assertThat(take(feed)).isEqualTo("{\"new_val\":{\"id\":" + i + "},\"old_val\":null}");
            }
            assertThat(nothingReady(feed)).isTrue();
        }
    }

    @Test
    void includeInitialAndStates_comeBeforeChanges() {
        put("{\"id\":1}");
        try (Feed feed = tableFeed(opts(false, 100, true, true, true))) {
            put("{\"id\":2}");
            assertThat(take(feed)).isEqualTo("{\"state\":\"initializing\",\"type\":\"state\"}");
            assertThat(take(feed)).isEqualTo("{\"new_val\":{\"id\":1},\"type\":\"initial\"}");
            assertThat(take(feed)).isEqualTo("{\"state\":\"ready\",\"type\":\"state\"}");
            assertThat(take(feed)).isEqualTo("{\"new_val\":{\"id\":2},\"old_val\":null,\"type\":\"add\"}");
        }
    }

    @Test
    void statesWithoutInitial_onlyReady() {
        try (Feed feed = tableFeed(opts(false, 100, false, true, false))) {
            assertThat(take(feed)).isEqualTo("{\"state\":\"ready\"}");
            assertThat(nothingReady(feed)).isTrue();
        }
    }

    @Test
    void rangeFeed_reportsDocumentsMovingInAndOut() {
        KeyRange r = new KeyRange(NumberDatum.of(0), true, NumberDatum.of(10), false);
        Feed feed = new RangeFeed(table, null, FeedOptions.defaults(),
                doc -> KeyRanges.contains(r, ((ObjectDatum) doc).get("v")) ? 1 : 0,
                new RowTransform(List.of(), null), () -> null);
        try (feed) {
            put("{\"id\":1,\"v\":20}");
            put("{\"id\":1,\"v\":5}");
            put("{\"id\":1,\"v\":6}");
            put("{\"id\":1,\"v\":30}");
            assertThat(take(feed)).isEqualTo("{\"new_val\":{\"id\":1,\"v\":5},\"old_val\":null}");
            assertThat(take(feed)).isEqualTo("{\"new_val\":{\"id\":1,\"v\":6},\"old_val\":{\"id\":1,\"v\":5}}");
            assertThat(take(feed)).isEqualTo("{\"new_val\":null,\"old_val\":{\"id\":1,\"v\":6}}");
            assertThat(nothingReady(feed)).isTrue();
        }
    }

    @Test
    void pointFeed_initialValueStatesAndOnlyItsDocument() {
        put("{\"id\":2}");
        try (Feed feed = new PointFeed(table, null, opts(false, 100, true, true, false), NumberDatum.of(2))) {
            put("{\"id\":3}");
            put("{\"id\":2,\"a\":1}");
            assertThat(take(feed)).isEqualTo("{\"state\":\"initializing\"}");
            assertThat(take(feed)).isEqualTo("{\"new_val\":{\"id\":2}}");
            assertThat(take(feed)).isEqualTo("{\"state\":\"ready\"}");
            assertThat(take(feed)).isEqualTo("{\"new_val\":{\"a\":1,\"id\":2},\"old_val\":{\"id\":2}}");
            assertThat(nothingReady(feed)).isTrue();
        }
    }

    @Test
    void pointFeed_missingDocumentInitialIsNull() {
        try (Feed feed = new PointFeed(table, null, opts(false, 100, true, false, false), NumberDatum.of(9))) {
            assertThat(take(feed)).isEqualTo("{\"new_val\":null}");
        }
    }

    @Test
    void topN_keepsWindowAsDocumentsMove() {
        for (int i = 1; i <= 4; i++) {
            put("{\"id\":" + i + "}");
        }
        FeedOptions o = new FeedOptions(false, 0, 100, true, false, false, true);
        try (Feed feed = new TopNFeed(table, null, o, null, null, false, 2, new RowTransform(List.of(), null), e -> e)) {
            assertThat(take(feed)).isEqualTo("{\"new_offset\":0,\"new_val\":{\"id\":1}}");
            assertThat(take(feed)).isEqualTo("{\"new_offset\":1,\"new_val\":{\"id\":2}}");
            delete(1);
            assertThat(take(feed)).isEqualTo(
                    "{\"new_offset\":1,\"new_val\":{\"id\":3},\"old_offset\":0,\"old_val\":{\"id\":1}}");
            put("{\"id\":4,\"x\":1}");
            assertThat(nothingReady(feed)).isTrue();
            put("{\"id\":0}");
            assertThat(take(feed)).isEqualTo(
                    "{\"new_offset\":0,\"new_val\":{\"id\":0},\"old_offset\":1,\"old_val\":{\"id\":3}}");
            put("{\"id\":2,\"y\":1}");
            assertThat(take(feed)).isEqualTo(
                    "{\"new_offset\":1,\"new_val\":{\"id\":2,\"y\":1},\"old_offset\":1,\"old_val\":{\"id\":2}}");
        }
    }

    @Test
    void topN_squashedReportsNetWindowChange() {
        FeedOptions o = new FeedOptions(true, 0, 100, false, false, false, false);
        try (Feed feed = new TopNFeed(table, null, o, null, null, false, 3, new RowTransform(List.of(), null), e -> e)) {
            for (int i = 0; i < 6; i++) {
                put("{\"id\":" + i + "}");
            }
            delete(1);
            List<String> got = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                got.add(take(feed));
            }
            assertThat(got).containsExactly("{\"new_val\":{\"id\":0},\"old_val\":null}",
                    "{\"new_val\":{\"id\":2},\"old_val\":null}", "{\"new_val\":{\"id\":3},\"old_val\":null}");
            assertThat(nothingReady(feed)).isTrue();
        }
    }

    @Test
    void close_wakesBlockedReaderAndUnsubscribes() throws Exception {
        Feed feed = tableFeed(FeedOptions.defaults());
        assertThat(FeedHub.feedCount(table)).isEqualTo(1);
        Thread closer = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            feed.close();
        });
        long start = System.nanoTime();
        closer.start();
        assertThat(feed.next(Long.MAX_VALUE)).isNull();
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(2));
        closer.join();
        assertThat(FeedHub.feedCount(table)).isZero();
    }

    @Test
    void squashSeconds_batchWaitsForMoreChanges() {
        FeedOptions o = new FeedOptions(true, 0.3, 100, false, false, false, false);
        try (Feed feed = tableFeed(o)) {
            feed.beginBatch(false);
            long start = System.nanoTime();
            put("{\"id\":1}");
            put("{\"id\":1,\"a\":1}");
            assertThat(take(feed)).isEqualTo("{\"new_val\":{\"a\":1,\"id\":1},\"old_val\":null}");
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(250));
        }
    }

    @Test
    void writesCommittedTogether_arriveInCommitOrder() {
        try (Feed feed = tableFeed(FeedOptions.defaults())) {
            table.modify(NumberDatum.of(1), old -> json("{\"id\":1}"), Durability.HARD);
            table.modifyAll(List.of(NumberDatum.of(1), NumberDatum.of(2)),
                    List.of(old -> null, old -> json("{\"id\":2}")), Durability.SOFT);
            assertThat(take(feed)).isEqualTo("{\"new_val\":{\"id\":1},\"old_val\":null}");
            assertThat(take(feed)).isEqualTo("{\"new_val\":null,\"old_val\":{\"id\":1}}");
            assertThat(take(feed)).isEqualTo("{\"new_val\":{\"id\":2},\"old_val\":null}");
        }
    }

    @Test
    void droppedTable_endsFeedWithRethinkDbError() {
        try (Feed feed = tableFeed(FeedOptions.defaults())) {
            store.dropTable("test", "t");
            assertThatThrownBy(() -> take(feed))
                    .isInstanceOf(ReqlOpFailedError.class).hasMessage("Changefeed aborted (unavailable).");
        }
    }

    @Test
    void droppedDatabase_endsFeedWithRethinkDbError() {
        try (Feed feed = new PointFeed(table, store, FeedOptions.defaults(), NumberDatum.of(1))) {
            store.dropDatabase("test");
            assertThatThrownBy(() -> take(feed))
                    .isInstanceOf(ReqlOpFailedError.class).hasMessage("Changefeed aborted (unavailable).");
        }
    }
}
