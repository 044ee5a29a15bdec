package io.reqldb.query.terms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reqldb.query.EngineHarness;
import io.reqldb.query.error.ReqlNonExistenceError;
import io.reqldb.query.error.ReqlQueryLogicError;
import org.junit.jupiter.api.Test;

/** Sequence, order, aggregation and join terms over arrays and streams (no tables). */
class SequenceTermsTest {
    private static final String ROWS = "[2,[{\"a\":1,\"id\":1},{\"a\":3,\"id\":2},{\"b\":2,\"id\":3},{\"a\":2,\"id\":4}]]";
    /** x => [x, x] */
    private static final String PAIR = "[69,[[2,[1]],[2,[[10,[1]],[10,[1]]]]]]";

    private final EngineHarness reql = new EngineHarness(null);

    @Test
    void mapKeepsArraysAndStreams() {
        assertThat(reql.run("[38,[[2,[1,2]]," + PAIR + "]]")).isEqualTo("[[1,1],[2,2]]");
        // two sequences: (x, y) => [x, y], shortest wins
        assertThat(reql.run("[38,[[173,[]],[2,[5,6]],[69,[[2,[1,2]],[2,[[10,[1]],[10,[2]]]]]]]]"))
                .isEqualTo("[[0,5],[1,6]]");
        assertThatThrownBy(() -> reql.run("[38,[[2,[1]],[2,[1]],[69,[[2,[1]],1]]]]"))
                .isInstanceOf(ReqlQueryLogicError.class)
                .hasMessage("The function passed to `map` expects 1 argument, but 2 sequences were found.");
    }

    @Test
    void filterMatchesPatternsAndSkipsMissingFields() {
        assertThat(reql.run("[39,[" + ROWS + ",{\"a\":1}]]")).isEqualTo("[{\"a\":1,\"id\":1}]");
        // a pattern field missing from a row drops the row; default:true keeps it
        String byA = "{\"a\":2}";
        assertThat(reql.run("[43,[[39,[" + ROWS + "," + byA + "]]]]")).isEqualTo("1");
        assertThat(reql.run("[43,[[39,[" + ROWS + "," + byA + "],{\"default\":true}]]]")).isEqualTo("2");
        assertThatThrownBy(() -> reql.run("[39,[" + ROWS + "," + byA + "],{\"default\":[12,[]]}]"))
                .isInstanceOf(ReqlNonExistenceError.class);
    }

    @Test
    void orderByFieldsAscDescAndMissingLeast() {
        assertThat(reql.run("[41,[[41,[" + ROWS + ",\"a\"]],\"b\"]]"))
                .isEqualTo("[{\"a\":1,\"id\":1},{\"a\":2,\"id\":4},{\"a\":3,\"id\":2},{\"b\":2,\"id\":3}]");
        // RethinkDB's lt_cmp: a missing key is less than any value, so it comes last in descending order
        assertThat(reql.run("[41,[" + ROWS + ",[74,[\"a\"]],\"id\"]]"))
                .isEqualTo("[{\"a\":3,\"id\":2},{\"a\":2,\"id\":4},{\"a\":1,\"id\":1},{\"b\":2,\"id\":3}]");
        assertThatThrownBy(() -> reql.run("[41,[[2,[1]]]]")).hasMessage("Must specify something to order by.");
        assertThatThrownBy(() -> reql.run("[41,[" + ROWS + ",[154,[[2,[\"a\"]]]]]]"))
                .hasMessage("r.args is not supported in an order_by or union command yet.");
        assertThatThrownBy(() -> reql.run("[74,[\"a\"]]"))
                .hasMessage("DESC may only be used as an argument to ORDER_BY or UNION.");
        assertThat(reql.run("[44,[[2,[3]],[2,[2,1]]],{\"interleave\":[2,[[74,[[69,[[2,[1]],[10,[1]]]]]]]]}]"))
                .isEqualTo("[3,2,1]");
        assertThatThrownBy(() -> reql.run("[41,[[173,[]],\"a\"]]")).hasMessageStartingWith("Cannot use an infinite");
    }

    @Test
    void slicingTerms() {
        assertThat(reql.run("[71,[[173,[]],3]]")).isEqualTo("[0,1,2]");
        assertThat(reql.run("[70,[[173,[5]],3]]")).isEqualTo("[3,4]");
        assertThat(reql.run("[70,[[2,[1,2,3]],-1]]")).isEqualTo("[3]");
        assertThat(reql.run("[30,[[2,[0,1,2,3,4]],1,3]]")).isEqualTo("[1,2]");
        assertThat(reql.run("[30,[[2,[0,1,2,3,4]],-3,-1],{\"right_bound\":\"closed\"}]")).isEqualTo("[2,3,4]");
        assertThat(reql.run("[30,[[173,[10]],2,4],{\"left_bound\":\"open\"}]")).isEqualTo("[3]");
        assertThat(reql.run("[30,[\"abcdef\",1,-2]]")).isEqualTo("\"bcd\"");
        assertThat(reql.run("[45,[[173,[10]],-1]]")).isEqualTo("9");
        assertThat(reql.run("[45,[[2,[1,2,3]],-3]]")).isEqualTo("1");
        assertThatThrownBy(() -> reql.run("[45,[[2,[1,2,3]],3]]")).isInstanceOf(ReqlNonExistenceError.class)
                .hasMessage("Index out of bounds: 3");
        assertThatThrownBy(() -> reql.run("[45,[[173,[2]],-2]]"))
                .hasMessage("Cannot use an index < -1 (-2) on a stream.");
        assertThatThrownBy(() -> reql.run("[71,[[2,[1]],-1]]")).hasMessage("LIMIT takes a non-negative argument (got -1)");
        assertThat(reql.run("[86,[[2,[]]]]")).isEqualTo("true");
        assertThat(reql.run("[87,[[2,[1,2,1]],1]]")).isEqualTo("[0,2]");
        assertThat(reql.run("[93,[[2,[1,2]],2,1]]")).isEqualTo("true");
        assertThat(reql.run("[93,[[2,[1,2]],3]]")).isEqualTo("false");
        assertThat(reql.run("[43,[[81,[[173,[10]],3]]]]")).isEqualTo("3");
    }

    @Test
    void aggregations() {
        assertThat(reql.run("[43,[\"h\u00e9llo\"]]")).isEqualTo("5");
        assertThat(reql.run("[43,[[2,[1,2,1]],1]]")).isEqualTo("2");
        assertThat(reql.run("[145,[" + ROWS + ",\"a\"]]")).isEqualTo("6");
        assertThat(reql.run("[146,[" + ROWS + ",\"a\"]]")).isEqualTo("2");
        assertThat(reql.run("[147,[" + ROWS + ",\"a\"]]")).isEqualTo("{\"a\":1,\"id\":1}");
        assertThat(reql.run("[148,[" + ROWS + ",\"a\"]]")).isEqualTo("{\"a\":3,\"id\":2}");
        assertThat(reql.run("[37,[[2,[1,2,3]],[69,[[2,[1,2]],[2,[[10,[1]],[10,[2]]]]]]]]"))
                .isEqualTo("[[1,2],3]");
        assertThatThrownBy(() -> reql.run("[37,[[2,[]],[69,[[2,[1,2]],1]]]]"))
                .isInstanceOf(ReqlNonExistenceError.class).hasMessage("Cannot reduce over an empty stream.");
        assertThatThrownBy(() -> reql.run("[146,[[2,[]]]]")).isInstanceOf(ReqlNonExistenceError.class)
                .hasMessageStartingWith("Cannot take the average of an empty stream.");
        assertThatThrownBy(() -> reql.run("[43,[[173,[]]]]")).hasMessageStartingWith("Cannot use an infinite stream");
        assertThat(reql.run("[42,[[2,[3,1,3,2]]]]")).isEqualTo("[1,2,3]");
    }

    @Test
    void groupedSkippingTerminalsDropGroupsWithoutValues() {
        // group by id: row 3 has no 'a', so sum('a') and max('a') leave its group out
        assertThat(reql.run("[150,[[145,[[144,[" + ROWS + ",\"id\"]],\"a\"]]]]"))
                .isEqualTo("[{\"group\":1,\"reduction\":1},{\"group\":2,\"reduction\":3},{\"group\":4,\"reduction\":2}]");
        assertThat(reql.run("[43,[[148,[[144,[" + ROWS + ",\"id\"]],\"a\"]]]]"))
                .isEqualTo("{\"$reql_type$\":\"GROUPED_DATA\",\"data\":[[1,2],[2,2],[4,2]]}");
        assertThat(reql.run("[145,[[2,[]],\"a\"]]")).isEqualTo("0");
    }

    @Test
    void withFieldsFollowsHasFieldsThenPluck() {
        assertThat(reql.run("[96,[" + ROWS + ",\"a\"]]")).isEqualTo("[{\"a\":1},{\"a\":3},{\"a\":2}]");
        assertThatThrownBy(() -> reql.run("[96,[1]]"))
                .hasMessage("Cannot perform has_fields on a non-object non-sequence `1`.");
        assertThatThrownBy(() -> reql.run("[96,[{\"a\":1},\"a\"]]"))
                .hasMessage("Cannot perform pluck on a non-object non-sequence `true`.");
    }

    @Test
    void groupAndUngroup() {
        assertThat(reql.run("[43,[[144,[" + ROWS + ",\"a\"]]]]")).isEqualTo(
                "{\"$reql_type$\":\"GROUPED_DATA\",\"data\":[[null,1],[1,1],[2,1],[3,1]]}");
        assertThat(reql.run("[150,[[43,[[144,[[2,[1,1,2]],[69,[[2,[1]],[10,[1]]]]]]]]]]"))
                .isEqualTo("[{\"group\":1,\"reduction\":2},{\"group\":2,\"reduction\":1}]");
        assertThatThrownBy(() -> reql.run("[144,[" + ROWS + "]]")).hasMessage("Cannot group by nothing.");
        // r.do(grouped, x => [x]) runs per group
        assertThat(reql.run("[150,[[64,[[69,[[2,[1]],[2,[[10,[1]]]]]],[43,[[144,[[2,[1,1,2]],[69,[[2,[1]],[10,[1]]]]]]]]]]]]"))
                .isEqualTo("[{\"group\":1,\"reduction\":[2]},{\"group\":2,\"reduction\":[1]}]");
        // multi: [1,2] puts the row in two groups, [] under null
        assertThat(reql.run("[150,[[43,[[144,[[2,[1]],[69,[[2,[1]],[2,[1,2]]]]],{\"multi\":true}]]]]]"))
                .isEqualTo("[{\"group\":1,\"reduction\":1},{\"group\":2,\"reduction\":1}]");
    }

    @Test
    void unionFoldForEachJoins() {
        assertThat(reql.run("[44,[[2,[1,2]],[173,[2]]]]")).isEqualTo("[1,2,0,1]");
        assertThat(reql.run("[44,[[2,[1,4]],[2,[2,3]]],{\"interleave\":[69,[[2,[1]],[10,[1]]]]}]"))
                .isEqualTo("[1,2,3,4]");
        // fold with emit: (acc,row) => row, emit (old,row,new) => [old]
        assertThat(reql.run("[187,[[173,[3]],9,[69,[[2,[1,2]],[10,[2]]]]],{\"emit\":[69,[[2,[1,2,3]],[2,[[10,[1]]]]]]}]"))
                .isEqualTo("[9,0,1]");
        assertThat(reql.run("[68,[[173,[3]],[69,[[2,[1]],{\"inserted\":1,\"changes\":[2,[[10,[1]]]],\"first_error\":\"x\"}]]]]"))
                .isEqualTo("{\"changes\":[0,1,2],\"first_error\":\"x\",\"inserted\":3}");
        assertThatThrownBy(() -> reql.run("[68,[[173,[3]],1]]"))
                .hasMessage("FOR_EACH expects one or more basic write queries.  Expected type ARRAY but found NUMBER.");
        assertThat(reql.run("[72,[[48,[[2,[1,2]],[2,[{\"b\":1}]],[69,[[2,[1,2]],true]]]]]]"))
                .isEqualTo("[{\"b\":1},{\"b\":1}]");
        assertThat(reql.run("[49,[[2,[1]],[2,[]],[69,[[2,[1,2]],true]]]]")).isEqualTo("[{\"left\":1}]");
    }

}
