package io.reqldb.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reqldb.query.error.ReqlCompileError;
import io.reqldb.query.error.ReqlError;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.error.ReqlResourceLimitError;
import io.reqldb.query.error.ReqlUserError;
import org.junit.jupiter.api.Test;

class ControlTermsTest {
    private final EngineHarness reql = new EngineHarness(null);

    @Test
    void literalsAndArrays() {
        assertThat(reql.run("[2,[1,\"a\",null,[2,[true]]]]")).isEqualTo("[1,\"a\",null,[true]]");
        assertThat(reql.run("{\"a\":[2,[1,2]]}")).isEqualTo("{\"a\":[1,2]}");
    }

    @Test
    void plainDataObjectsTakenAsParsedStillMeetTheRunsArrayLimit() {
        // Objects of plain data (as documents to insert) are taken whole when compiled; array_limit comes with the run.
        assertThat(reql.run("[2,[{\"a\":[2,[1,2]],\"b\":{\"c\":[2,[[2,[1]],{\"d\":1}]]}},{\"e\":1}]]", "{\"array_limit\":2}"))
                .isEqualTo("[{\"a\":[1,2],\"b\":{\"c\":[[1],{\"d\":1}]}},{\"e\":1}]");
        // {a: 1, b: {c: [1, 2, 3]}} under a limit of 2: the error names the inner array, as when built at run time.
        assertThatThrownBy(() -> reql.run("[2,[0,{\"a\":1,\"b\":{\"c\":[2,[1,2,3]]}}]]", "{\"array_limit\":2}"))
                .isInstanceOf(ReqlResourceLimitError.class)
                .hasMessageStartingWith("Array over size limit `2`.")
                .satisfies(e -> assertThat(io.reqldb.datum.DatumJson.write(((ReqlError) e).backtrace()))
                        .isEqualTo("[1,\"b\",\"c\"]"));
    }

    @Test
    void funcallBindsParameters() {
        // r.do(5, x => [x, x])
        assertThat(reql.run("[64,[[69,[[2,[1]],[2,[[10,[1]],[10,[1]]]]]],5]]")).isEqualTo("[5,5]");
    }

    @Test
    void branchPicksFirstTruthyTest() {
        assertThat(reql.run("[65,[false,1,null,2,3]]")).isEqualTo("3");
        assertThat(reql.run("[65,[0,1,2]]")).isEqualTo("1");
    }

    @Test
    void errorsCarryRethinkDbMessages() {
        assertThatThrownBy(() -> reql.run("[12,[\"boom\"]]")).isInstanceOf(ReqlUserError.class).hasMessage("boom");
        assertThatThrownBy(() -> reql.run("[12,[]]")).isInstanceOf(ReqlQueryLogicError.class)
                .hasMessage("Empty ERROR term outside a default block.");
        assertThatThrownBy(() -> reql.run("[65,[true]]")).isInstanceOf(ReqlCompileError.class)
                .hasMessage("Expected 3 or more arguments but found 1.");
        assertThatThrownBy(() -> reql.run("[9999,[]]")).isInstanceOf(ReqlCompileError.class)
                .hasMessage("Unrecognized TermType: 9999.");
        assertThatThrownBy(() -> reql.run("[13,[]]")).isInstanceOf(ReqlCompileError.class)
                .hasMessage("r.row is not defined in this context.");
    }

    @Test
    void defaultCatchesNullAndNonExistence() {
        assertThat(reql.run("[92,[null,5]]")).isEqualTo("5");
        assertThat(reql.run("[92,[4,5]]")).isEqualTo("4");
    }

    @Test
    void pseudoTypeObjectsMayHoldTermsAndComeAsMakeObjOptargs() {
        // {"$reql_type$":"GEOMETRY", "type":"Point", "coordinates": r.expr([1, 2])}
        assertThat(reql.run("{\"$reql_type$\":\"GEOMETRY\",\"type\":\"Point\",\"coordinates\":[2,[1,2]]}"))
                .isEqualTo("{\"$reql_type$\":\"GEOMETRY\",\"coordinates\":[1,2],\"type\":\"Point\"}");
        // The Java driver sends objects as [3, [], {...}]
        assertThat(reql.run("[3,[],{\"$reql_type$\":\"TIME\",\"epoch_time\":1,\"timezone\":\"+00:00\"}]"))
                .isEqualTo("{\"$reql_type$\":\"TIME\",\"epoch_time\":1,\"timezone\":\"+00:00\"}");
    }
}
