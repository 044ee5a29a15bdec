package io.reqldb.query.terms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.reqldb.query.StoreBackedTest;
import org.junit.jupiter.api.Test;

class DbTableTermsTest extends StoreBackedTest {
    @Test
    void databasesIncludeTheSystemOne() {
        assertThat(reql.run("[59,[]]")).isEqualTo("[\"rethinkdb\",\"test\"]");
        assertThat(reql.run("[57,[\"a\"]]")).contains("\"dbs_created\":1");
        assertThat(catchThrowable(() -> reql.run("[57,[\"a\"]]"))).hasMessage("Database `a` already exists.");
        assertThat(catchThrowable(() -> reql.run("[58,[\"rethinkdb\"]]")))
                .hasMessage("Database `rethinkdb` is special; you can't delete it.");
    }

    @Test
    void tablesAndTheirConfig() {
        assertThat(reql.run("[60,[\"t\"],{\"durability\":\"soft\"}]")).contains("\"tables_created\":1")
                .contains("\"durability\":\"soft\"");
        assertThat(reql.run("[62,[]]")).isEqualTo("[\"t\"]");
        assertThat(reql.run("[174,[[15,[\"t\"]]]]")).contains("\"name\":\"t\"").contains("\"primary_key\":\"id\"");
        assertThat(reql.run("[79,[[15,[\"t\"]]]]")).contains("\"type\":\"TABLE\"").contains("\"doc_count_estimates\":[0]");
        assertThat(catchThrowable(() -> reql.run("[60,[\"t\"]]"))).hasMessage("Table `test.t` already exists.");
        assertThat(reql.run("[61,[\"t\"]]")).contains("\"tables_dropped\":1");
    }

    @Test
    void systemTablesRefuseWrites() {
        assertThat(reql.run("[54,[[15,[[14,[\"rethinkdb\"]],\"server_status\"]]]]"))
                .contains("It's illegal to write to the `rethinkdb.server_status` table.");
        assertThat(reql.run("[170,[[45,[[15,[[14,[\"rethinkdb\"]],\"server_status\"]],0]],\"process\"]]"))
                .contains("\"version\":\"rethinkdb 2.4.4 (ReqlDB 0.1.0)\"");
    }
}
