package io.reqldb.query.terms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reqldb.query.StoreBackedTest;
import io.reqldb.query.error.ReqlCompileError;
import io.reqldb.query.error.ReqlNonExistenceError;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.error.ReqlResourceLimitError;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sequence terms over a table: selections, index orderings, storage counts, grouped results. */
class SequenceTableTermsTest extends StoreBackedTest {
    private static final String TBL = "[15,[\"t\"]]";
    private static final String ID = "{\"index\":\"id\"}";

    @BeforeEach
    void setUp() {
        reql.run("[60,[\"t\"]]");
        // r.range(10).for_each(t.insert({id: x, a: x % 3}))
        reql.run("[68,[[173,[10]],[69,[[2,[1]],[56,[" + TBL + ",{\"id\":[10,[1]],\"a\":[28,[[10,[1]],3]]}]]]]]]");
    }

    @Test
    void typesOfSelections() {
        assertThat(reql.run("[52,[[41,[" + TBL + ",\"a\"]]]]")).isEqualTo("\"SELECTION<ARRAY>\"");
        assertThat(reql.run("[52,[[41,[" + TBL + "]," + ID + "]]]")).isEqualTo("\"TABLE_SLICE\"");
        assertThat(reql.run("[52,[[39,[" + TBL + ",{\"a\":1}]]]]")).isEqualTo("\"SELECTION<STREAM>\"");
        assertThat(reql.run("[52,[[45,[[41,[" + TBL + "]," + ID + "],3]]]]")).isEqualTo("\"SELECTION<OBJECT>\"");
        assertThat(reql.run("[52,[[42,[" + TBL + "]]]]")).isEqualTo("\"STREAM\"");
        assertThat(reql.run("[52,[[144,[" + TBL + ",\"a\"]]]]")).isEqualTo("\"GROUPED_STREAM\"");
    }

    @Test
    void indexedOrderAndItsErrors() {
        assertThat(reql.run("[45,[[41,[" + TBL + "],{\"index\":[74,[\"id\"]]}],0]]")).isEqualTo("{\"a\":0,\"id\":9}");
        assertThat(reql.run("[71,[[41,[" + TBL + ",[74,[\"a\"]],\"id\"]],2]]"))
                .isEqualTo("[{\"a\":2,\"id\":2},{\"a\":2,\"id\":5}]");
        assertThatThrownBy(() -> reql.run("[41,[[41,[" + TBL + "]," + ID + "]]," + ID + "]"))
                .hasMessage("Cannot perform multiple indexed ORDER_BYs on the same table.");
        assertThatThrownBy(() -> reql.run("[41,[[41,[" + TBL + ",\"a\"]]]," + ID + "]"))
                .hasMessageStartingWith("Indexed order_by can only be performed on a TABLE or TABLE_SLICE.");
        assertThatThrownBy(() -> reql.run("[41,[" + TBL + ",\"a\"]]", "{\"array_limit\":5}"))
                .isInstanceOf(ReqlResourceLimitError.class);
    }

    @Test
    void aggregatesOverTables() {
        assertThat(reql.run("[43,[" + TBL + "]]")).isEqualTo("10");
        assertThat(reql.run("[145,[" + TBL + ",\"a\"]]")).isEqualTo("9");
        assertThat(reql.run("[147,[" + TBL + "]]")).isEqualTo("{\"a\":0,\"id\":0}");
        assertThat(reql.run("[148,[" + TBL + "]]")).isEqualTo("{\"a\":0,\"id\":9}");
        assertThat(reql.run("[43,[[144,[" + TBL + ",\"a\"]]]]"))
                .isEqualTo("{\"$reql_type$\":\"GROUPED_DATA\",\"data\":[[0,4],[1,3],[2,3]]}");
        // count(value) and filter drop emptied groups
        assertThat(reql.run("[43,[[144,[" + TBL + ",\"a\"]],{\"a\":1,\"id\":1}]]"))
                .isEqualTo("{\"$reql_type$\":\"GROUPED_DATA\",\"data\":[[1,1]]}");
        assertThat(reql.run("[42,[" + TBL + "],{\"index\":\"id\"}]")).isEqualTo("[0,1,2,3,4,5,6,7,8,9]");
        assertThatThrownBy(() -> reql.run("[45,[" + TBL + ",10]]")).isInstanceOf(ReqlNonExistenceError.class)
                .hasMessage("Index out of bounds: 10");
    }

    @Test
    void eqJoinAndForEach() {
        assertThat(reql.run("[50,[[2,[{\"k\":3},{\"k\":42}]],\"k\"," + TBL + "]]"))
                .isEqualTo("[{\"left\":{\"k\":3},\"right\":{\"a\":0,\"id\":3}}]");
        assertThat(reql.run("[68,[[2,[1,2]],[69,[[2,[1]],[2,[[56,[" + TBL + ",{\"id\":[10,[1]]}]]]]]]]]"))
                .contains("\"errors\":2").contains("\"first_error\":\"Duplicate primary key `id`:");
    }

    @Test
    void writesInsideStreamFunctionsAreCompileErrors() {
        assertThatThrownBy(() -> reql.run("[38,[[2,[1]],[69,[[2,[1]],[56,[" + TBL + ",{}]]]]]]"))
                .isInstanceOf(ReqlCompileError.class)
                .hasMessage("Cannot nest writes or meta ops in stream operations.  Use FOR_EACH instead.");
        assertThatThrownBy(() -> reql.run("[38,[[2,[1]],1]]")).isInstanceOf(ReqlQueryLogicError.class)
                .hasMessage("Expected type FUNCTION but found DATUM:\n1");
    }
}
