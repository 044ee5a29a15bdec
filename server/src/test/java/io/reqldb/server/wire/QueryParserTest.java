package io.reqldb.server.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reqldb.datum.NumberDatum;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The top-level shape of a query, with RethinkDB's CLIENT_ERROR texts. */
class QueryParserTest {

    private static Query parse(String json) {
        return QueryParser.parse(new QueryFrame(4, json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void parse_start_keepsTermAndOptargs() {
        Query q = parse("[1,[2,[1,2]],{\"noreply\":true,\"max_batch_rows\":[1,10]}]");
        assertThat(q.token()).isEqualTo(4);
        assertThat(q.type()).isEqualTo(QueryType.START);
        assertThat(q.staticBoolOptarg("noreply")).isTrue();
        assertThat(q.staticBoolOptarg("profile")).isFalse();
        assertThat(q.staticNumberOptarg("max_batch_rows", 0)).isEqualTo(10);
    }

    @Test
    void parse_continue_hasNoTerm() {
        Query q = parse("[2]");
        assertThat(q.type()).isEqualTo(QueryType.CONTINUE);
        assertThat(q.term()).isNull();
    }

    @Test
    void parse_numberTerm_isKept() {
        assertThat(parse("[1,5]").term()).isEqualTo(NumberDatum.of(5));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "not json|Client is buggy (failed to deserialize query).",
        "[1,2|Client is buggy (failed to deserialize query).",
        "{}|Server could not parse query: Expected a query to be an array, but found OBJECT.",
        "[]|Server could not parse query: Expected 1 to 3 elements in the top-level query, but found 0.",
        "[1,2,{},4]|Server could not parse query: Expected 1 to 3 elements in the top-level query, but found 4.",
        "[\"1\"]|Server could not parse query: Expected a query type as a number, but found STRING.",
        "[9]|Server could not parse query: Unrecognized QueryType: 9.",
        "[1,1,[]]|Server could not parse query: Expected global optargs as an object, but found ARRAY.",
    })
    void parse_malformed_givesRethinkDbsMessage(String json, String message) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(MalformedQueryException.class).hasMessage(message);
    }
}
