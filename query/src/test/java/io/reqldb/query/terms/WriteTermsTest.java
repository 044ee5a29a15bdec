package io.reqldb.query.terms;

import static org.assertj.core.api.Assertions.assertThat;

import io.reqldb.query.StoreBackedTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WriteTermsTest extends StoreBackedTest {
    private static final String TBL = "[15,[\"t\"]]";

    @BeforeEach
    void setUp() {
        reql.run("[60,[\"t\"]]");
    }

    @Test
    void insertCountsAndDuplicateKeyError() {
        assertThat(reql.run("[56,[" + TBL + ",{\"id\":1,\"a\":1}]]"))
                .isEqualTo("{\"deleted\":0,\"errors\":0,\"inserted\":1,\"replaced\":0,\"skipped\":0,\"unchanged\":0}");
        assertThat(reql.run("[56,[" + TBL + ",{\"id\":1,\"b\":2}]]"))
                .contains("\"first_error\":\"Duplicate primary key `id`:\\n{\\n\\t\\\"a\\\":\\t1,\\n\\t\\\"id\\\":\\t1\\n}\\n{\\n\\t\\\"b\\\":\\t2,\\n\\t\\\"id\\\":\\t1\\n}\"")
                .contains("\"errors\":1");
        assertThat(reql.run("[56,[" + TBL + ",{\"id\":1,\"b\":2}],{\"conflict\":\"update\"}]"))
                .contains("\"replaced\":1");
        assertThat(reql.run("[16,[" + TBL + ",1]]")).isEqualTo("{\"a\":1,\"b\":2,\"id\":1}");
    }

    @Test
    void generatedKeysAndReturnChanges() {
        String out = reql.run("[56,[" + TBL + ",{\"a\":1}],{\"return_changes\":true}]");
        assertThat(out).contains("\"generated_keys\":[\"").contains("\"changes\":[{\"new_val\":{\"a\":1,\"id\":");
    }

    @Test
    void updateReplaceDelete() {
        reql.run("[56,[" + TBL + ",[2,[{\"id\":1,\"a\":1},{\"id\":2,\"a\":2}]]]]");
        assertThat(reql.run("[53,[" + TBL + ",{\"b\":3}]]")).contains("\"replaced\":2");
        assertThat(reql.run("[53,[[16,[" + TBL + ",1]],{\"b\":3}]]")).contains("\"unchanged\":1");
        assertThat(reql.run("[53,[[16,[" + TBL + ",1]],{\"id\":5}]]"))
                .contains("Primary key `id` cannot be changed");
        assertThat(reql.run("[55,[[16,[" + TBL + ",9]],{\"id\":9}]]")).contains("\"inserted\":1");
        assertThat(reql.run("[54,[" + TBL + "]]")).contains("\"deleted\":3");
        assertThat(reql.run("[16,[" + TBL + ",1]]")).isEqualTo("null");
    }

    @Test
    void nonDeterministicUpdateNeedsNonAtomic() {
        reql.run("[56,[" + TBL + ",{\"id\":1}]]");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                () -> reql.run("[53,[[16,[" + TBL + ",1]],{\"d\":[16,[" + TBL + ",1]]}]]")))
                .hasMessage("Could not prove argument deterministic.  Maybe you want to use the non_atomic flag?");
    }
}
