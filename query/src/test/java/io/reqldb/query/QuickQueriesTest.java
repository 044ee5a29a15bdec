package io.reqldb.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.reqldb.datum.DatumJson;
import io.reqldb.datum.ObjectDatum;
import org.junit.jupiter.api.Test;

/**
 * Which term trees may run on the event loop: scalar literals, point gets on user tables, and short
 * pages in primary-key order. Tables here: {@code app.users} keyed by {@code id}, {@code
 * test.events} keyed by {@code ts}; no other exists.
 */
class QuickQueriesTest {
    private static boolean quick(String term) {
        return quick(term, "{}");
    }

    private static boolean quick(String term, String optargs) {
        return QuickQueries.isQuick(DatumJson.parse(term), (ObjectDatum) DatumJson.parse(optargs), (db, table) ->
                db.equals("app") && table.equals("users") ? "id"
                        : db.equals("test") && table.equals("events") ? "ts" : null);
    }

    /** {@code table.between(lo, hi, {index}).order_by({index: order}).limit(n)}, as JSON. */
    private static String page(String table, String lo, String hi, String betweenOptargs, String order, int n) {
        return "[71,[[41,[[182,[" + table + "," + lo + "," + hi + "]," + betweenOptargs + "]],{\"index\":" + order
                + "}]," + n + "]]";
    }

    private static final String USERS = "[15,[[14,[\"app\"]],\"users\"]]";

    @Test
    void scalarLiteralsAreQuick() {
        assertThat(quick("1")).isTrue();
        assertThat(quick("\"a\"")).isTrue();
        assertThat(quick("null")).isTrue();
        assertThat(quick("true")).isTrue();
    }

    @Test
    void aPointGetByALiteralKeyOnAUserTableIsQuick() {
        assertThat(quick("[16,[[15,[[14,[\"app\"]],\"users\"]],5]]")).isTrue();
        assertThat(quick("[16,[[15,[\"users\"]],\"k\"]]")).isTrue();
        assertThat(quick("[16,[[15,[\"users\"]],\"k\"]]", "{\"db\":[14,[\"app\"]]}")).isTrue();
    }

    @Test
    void systemTablesAreNotQuick() {
        assertThat(quick("[16,[[15,[[14,[\"rethinkdb\"]],\"logs\"]],\"x\"]]")).isFalse();
        assertThat(quick("[16,[[15,[\"logs\"]],\"x\"]]", "{\"db\":[14,[\"rethinkdb\"]]}")).isFalse();
    }

    @Test
    void anythingElseIsNotQuick() {
        assertThat(quick("[2,[1,2]]")).isFalse();
        assertThat(quick("{\"a\":1}")).isFalse();
        // A computed key, table optargs, a table named by a term, a scan.
        assertThat(quick("[16,[[15,[\"users\"]],[24,[1,2]]]]")).isFalse();
        assertThat(quick("[16,[[15,[\"users\"],{\"read_mode\":\"outdated\"}],1]]")).isFalse();
        assertThat(quick("[16,[[15,[[14,[\"app\"]],[12,[\"t\"]]]],1]]")).isFalse();
        assertThat(quick("[15,[\"users\"]]")).isFalse();
        assertThat(quick("[16,[[15,[\"users\"]],1],{\"x\":1}]")).isFalse();
    }

    @Test
    void aShortPageInPrimaryKeyOrderIsQuick() {
        assertThat(quick(page(USERS, "5", "[181,[]]", "{\"index\":\"id\"}", "\"id\"", 20))).isTrue();
        assertThat(quick(page(USERS, "[180,[]]", "\"k\"", "{}", "[74,[\"id\"]]", 100))).isTrue();
        assertThat(quick(page(USERS, "1", "9", "{\"index\":\"id\",\"right_bound\":\"closed\"}",
                "[73,[\"id\"]]", 0))).isTrue();
        // The whole table in order, the database from the global optargs or the default one.
        assertThat(quick("[71,[[41,[" + USERS + "],{\"index\":\"id\"}],20]]")).isTrue();
        assertThat(quick("[71,[[41,[[15,[\"users\"]]],{\"index\":\"id\"}],20]]", "{\"db\":[14,[\"app\"]]}"))
                .isTrue();
        assertThat(quick("[71,[[41,[[15,[\"events\"]]],{\"index\":\"ts\"}],20]]")).isTrue();
    }

    @Test
    void otherPagesAreNotQuick() {
        // Longer than a page, a computed limit.
        assertThat(quick(page(USERS, "5", "9", "{}", "\"id\"", 101))).isFalse();
        assertThat(quick("[71,[[41,[" + USERS + "],{\"index\":\"id\"}],[24,[1,2]]]]")).isFalse();
        // A secondary index: ties on its value are all read to order them.
        assertThat(quick(page(USERS, "5", "9", "{\"index\":\"age\"}", "\"age\"", 20))).isFalse();
        assertThat(quick(page(USERS, "5", "9", "{}", "\"age\"", 20))).isFalse();
        assertThat(quick(page(USERS, "5", "9", "{\"index\":\"age\"}", "\"id\"", 20))).isFalse();
        assertThat(quick("[71,[[41,[[15,[\"events\"]]],{\"index\":\"id\"}],20]]")).isFalse();
        // No such table, a system table, order by a field, computed bounds, other optargs.
        assertThat(quick("[71,[[41,[[15,[\"nope\"]]],{\"index\":\"id\"}],20]]")).isFalse();
        assertThat(quick("[71,[[41,[[15,[\"jobs\"]]],{\"index\":\"id\"}],20]]", "{\"db\":[14,[\"rethinkdb\"]]}"))
                .isFalse();
        assertThat(quick("[71,[[41,[" + USERS + ",\"id\"]],20]]")).isFalse();
        assertThat(quick(page(USERS, "[24,[1,2]]", "9", "{}", "\"id\"", 20))).isFalse();
        assertThat(quick(page(USERS, "5", "9", "{\"index\":\"id\",\"x\":1}", "\"id\"", 20))).isFalse();
        assertThat(quick(page(USERS, "5", "9", "{\"left_bound\":[24,[1,2]]}", "\"id\"", 20))).isFalse();
    }
}
