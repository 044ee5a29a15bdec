package io.reqldb.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.reqldb.datum.DatumJson;
import io.reqldb.datum.ObjectDatum;
import org.junit.jupiter.api.Test;

/** Which term trees may run on the event loop: scalar literals and point gets on user tables only. */
class QuickQueriesTest {
    private static boolean quick(String term) {
        return quick(term, "{}");
    }

    private static boolean quick(String term, String optargs) {
        return QuickQueries.isQuick(DatumJson.parse(term), (ObjectDatum) DatumJson.parse(optargs));
    }

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
}
