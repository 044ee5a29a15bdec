package io.reqldb.query.terms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.reqldb.query.StoreBackedTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IndexTermsTest extends StoreBackedTest {
    private static final String TBL = "[15,[\"t\"]]";

    @BeforeEach
    void setUp() {
        reql.run("[60,[\"t\"]]");
        reql.run("[56,[" + TBL + ",[2,[{\"id\":1,\"a\":5,\"m\":[2,[1,2]]},{\"id\":2,\"a\":6,\"m\":[2,[2]]},{\"id\":3}]]]]");
    }

    @Test
    void fieldIndexAndGetAll() {
        assertThat(reql.run("[75,[" + TBL + ",\"a\"]]")).isEqualTo("{\"created\":1}");
        waitForIndexes();
        assertThat(reql.run("[78,[" + TBL + ",5,6],{\"index\":\"a\"}]")).contains("\"id\":1").contains("\"id\":2");
        assertThat(reql.run("[77,[" + TBL + "]]")).isEqualTo("[\"a\"]");
        assertThat(reql.run("[139,[" + TBL + "]]"))
                .contains("\"query\":\"indexCreate('a', function(_var19) { return _var19.getField(\\\"a\\\"); })\"");
        assertThat(catchThrowable(() -> reql.run("[75,[" + TBL + ",\"a\"]]")))
                .hasMessage("Index `a` already exists on table `test.t`.");
    }

    @Test
    void multiIndexFunctionAndBetween() {
        // index_create('m', row => row('m'), {multi: true})
        reql.run("[75,[" + TBL + ",\"m\",[69,[[2,[1]],[170,[[10,[1]],\"m\"]]]]],{\"multi\":true}]");
        waitForIndexes();
        assertThat(reql.run("[78,[" + TBL + ",2],{\"index\":\"m\"}]")).contains("\"id\":1").contains("\"id\":2");
        assertThat(reql.run("[182,[" + TBL + ",1,2],{\"index\":\"m\"}]")).isEqualTo("[{\"a\":5,\"id\":1,\"m\":[1,2]}]");
        assertThat(reql.run("[182,[" + TBL + ",2,[181,[]]]]")).contains("\"id\":2").contains("\"id\":3")
                .doesNotContain("\"id\":1");
    }

    @Test
    void renameDropAndStatusBlobRecreates() {
        reql.run("[75,[" + TBL + ",\"a\"]]");
        waitForIndexes();
        assertThat(reql.run("[156,[" + TBL + ",\"a\",\"b\"]]")).isEqualTo("{\"renamed\":1}");
        reql.run("[75,[" + TBL + ",\"c\",[170,[[45,[[139,[" + TBL + ",\"b\"]],0]],\"function\"]]]]");
        waitForIndexes();
        assertThat(reql.run("[78,[" + TBL + ",6],{\"index\":\"c\"}]")).contains("\"id\":2");
        assertThat(reql.run("[76,[" + TBL + ",\"b\"]]")).isEqualTo("{\"dropped\":1}");
        assertThat(catchThrowable(() -> reql.run("[76,[" + TBL + ",\"b\"]]")))
                .hasMessage("Index `b` does not exist on table `test.t`.");
    }

    /** Indexes build in the background, as in RethinkDB: index_wait before querying them. */
    private void waitForIndexes() {
        reql.run("[140,[" + TBL + "]]");
    }
}
