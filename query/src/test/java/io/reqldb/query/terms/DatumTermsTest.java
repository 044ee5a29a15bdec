package io.reqldb.query.terms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.reqldb.datum.DatumJson;
import io.reqldb.datum.DeepStackThreads;
import io.reqldb.query.EngineHarness;
import io.reqldb.query.error.ReqlNonExistenceError;
import io.reqldb.query.error.ReqlQueryLogicError;
import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.Test;

/** Math, logic, object, array, string and type terms on literal values (no storage). */
class DatumTermsTest {
    private final EngineHarness reql = new EngineHarness(null);

    private String run(String q) {
        return reql.run(q);
    }

    @Test
    void arithmetic() {
        assertThat(run("[24,[1,2,3]]")).isEqualTo("6");
        assertThat(run("[24,[\"a\",\"b\"]]")).isEqualTo("\"ab\"");
        assertThat(run("[24,[[2,[1]],[2,[2]]]]")).isEqualTo("[1,2]");
        assertThat(run("[26,[[2,[1,2]],2]]")).isEqualTo("[1,2,1,2]");
        assertThat(run("[27,[1,4]]")).isEqualTo("0.25");
        assertThat(run("[28,[-7,3]]")).isEqualTo("-1");
        assertThat(run("[185,[-2.5]]")).isEqualTo("-3");
        assertThat(run("[185,[2.5]]")).isEqualTo("3");
        assertThatThrownBy(() -> run("[27,[1,0]]")).hasMessage("Cannot divide by zero.");
        assertThatThrownBy(() -> run("[26,[1e200,1e200]]")).hasMessage("Non-finite number: inf");
        assertThatThrownBy(() -> run("[24,[1,\"a\"]]")).hasMessage("Expected type NUMBER but found STRING.");
        assertThatThrownBy(() -> run("[24,[null,1]]")).isInstanceOf(ReqlNonExistenceError.class);
        assertThatThrownBy(() -> run("[28,[1.5,1]]")).hasMessage("Number not an integer: 1.5");
    }

    @Test
    void bits() {
        assertThat(run("[191,[12,10]]")).isEqualTo("8");
        assertThat(run("[195,[5,4]]")).isEqualTo("80");
        assertThat(run("[196,[-5,1]]")).isEqualTo("-3");
        assertThatThrownBy(() -> run("[191,[9007199254740992,1]]")).hasMessage("Integer too large: 9007199254740992");
    }

    @Test
    void comparisonAndLogic() {
        assertThat(run("[17,[1,1,1]]")).isEqualTo("true");
        assertThat(run("[18,[1,1,2]]")).isEqualTo("true");
        assertThat(run("[19,[1,2,3]]")).isEqualTo("true");
        assertThat(run("[19,[1,\"a\"]]")).isEqualTo("true");
        assertThat(run("[67,[1,null,2]]")).isEqualTo("null");
        assertThat(run("[66,[false,5]]")).isEqualTo("5");
        assertThat(run("[67,[]]")).isEqualTo("true");
        assertThat(run("[66,[]]")).isEqualTo("false");
    }

    @Test
    void objects() {
        assertThat(run("[33,[{\"a\":1,\"b\":{\"c\":2,\"d\":3}},\"a\",{\"b\":{\"c\":true}}]]"))
                .isEqualTo("{\"a\":1,\"b\":{\"c\":2}}");
        assertThat(run("[34,[{\"a\":1,\"b\":2},\"a\"]]")).isEqualTo("{\"b\":2}");
        assertThat(run("[35,[{\"a\":{\"b\":1,\"c\":2}},{\"a\":{\"b\":[137,[5]]}}]]")).isEqualTo("{\"a\":{\"b\":5,\"c\":2}}");
        assertThat(run("[35,[{\"a\":{\"b\":1}},{\"a\":[137,[{\"c\":1}]]}]]")).isEqualTo("{\"a\":{\"c\":1}}");
        assertThat(run("[35,[{\"a\":1},{\"a\":[137,[]]}]]")).isEqualTo("{}");
        assertThatThrownBy(() -> run("[137,[1]]")).hasMessageStartingWith("Stray literal keyword found");
        assertThat(run("[31,[[2,[{\"a\":1},{\"b\":2},{\"a\":3}]],\"a\"]]")).isEqualTo("[1,3]");
        assertThat(run("[170,[[2,[10,20,30]],-1]]")).isEqualTo("30");
        assertThat(run("[32,[[2,[{\"a\":1},{\"a\":null},{}]],\"a\"]]")).isEqualTo("[{\"a\":1}]");
        assertThatThrownBy(() -> run("[31,[{\"a\":1},\"b\"]]")).isInstanceOf(ReqlNonExistenceError.class)
                .hasMessage("No attribute `b` in object:\n{\n\t\"a\":\t1\n}");
        assertThatThrownBy(() -> run("[170,[\"a\",\"b\"]]"))
                .hasMessage("Cannot perform bracket on a non-object non-sequence `\"a\"`.");
        assertThat(run("[143,[\"a\",1,\"b\",2]]")).isEqualTo("{\"a\":1,\"b\":2}");
        assertThatThrownBy(() -> run("[143,[\"e\",4,\"e\",5]]"))
                .hasMessage("Duplicate key \"e\" in object.  (got 4 and 5 as values)");
        assertThat(run("[94,[{\"b\":1,\"a\":2}]]")).isEqualTo("[\"a\",\"b\"]");
        assertThat(run("[186,[{\"b\":1,\"a\":2}]]")).isEqualTo("[2,1]");
    }

    @Test
    void pathTermsMapOverSequences() {
        assertThat(run("[33,[[2,[{\"a\":1,\"b\":2},{\"a\":3}]],\"a\"]]")).isEqualTo("[{\"a\":1},{\"a\":3}]");
        assertThat(run("[34,[[2,[{\"a\":1,\"b\":2},{\"a\":3}]],\"a\"]]")).isEqualTo("[{\"b\":2},{}]");
        // merge with a function whose body holds a literal: r.expr([{a:{b:1}}]).merge(x => {a: r.literal(x('a'))})
        assertThat(run("[35,[[2,[{\"a\":{\"b\":1},\"c\":2}]],[69,[[2,[1]],{\"a\":[137,[5]]}]]]]"))
                .isEqualTo("[{\"a\":5,\"c\":2}]");
        assertThatThrownBy(() -> run("[33,[[2,[[2,[]]]],\"a\"]]"))
                .hasMessage("Cannot perform pluck on a sequence of sequences.");
        assertThatThrownBy(() -> run("[33,[[101,[0]],\"a\"]]"))
                .hasMessage("Cannot call `pluck` on objects of type `PTYPE<TIME>`.");
        assertThatThrownBy(() -> run("[35,[{\"a\":1},[137,[\"foo\"]]]]")).hasMessageStartingWith("Stray literal");
        // r.expr({a:{b:1}}).merge(r.args([{a: r.literal({c:1})}]))
        assertThat(run("[35,[{\"a\":{\"b\":1}},[154,[[2,[{\"a\":[137,[{\"c\":1}]]}]]]]]]")).isEqualTo("{\"a\":{\"c\":1}}");
        assertThatThrownBy(() -> run("[180,[]]")).hasMessage("Cannot convert `r.minval` to JSON.");
    }

    @Test
    void nestedPaths() {
        String doc = "{\"a\":[2,[{\"b\":1,\"c\":2},{\"b\":3}]],\"d\":{\"e\":null,\"f\":1}}";
        assertThat(run("[33,[" + doc + ",{\"a\":{\"b\":true}}]]")).isEqualTo("{\"a\":[{\"b\":1},{\"b\":3}]}");
        assertThat(run("[34,[" + doc + ",{\"a\":{\"c\":true},\"d\":\"f\"}]]"))
                .isEqualTo("{\"a\":[{\"b\":1},{\"b\":3}],\"d\":{\"e\":null}}");
        assertThat(run("[32,[" + doc + ",{\"d\":\"e\"}]]")).isEqualTo("false");
        assertThat(run("[32,[" + doc + ",{\"d\":\"f\"},\"a\"]]")).isEqualTo("true");
        assertThatThrownBy(() -> run("[33,[" + doc + ",1]]")).hasMessage("Invalid path argument `1`.");
    }

    @Test
    void funcallRunsPerGroupOnGroupedData() {
        // r.expr([{a:1},{a:1},{a:2}]).group('a').count().do(x => x.mul(x))
        assertThat(run("[64,[[69,[[2,[1]],[26,[[10,[1]],[10,[1]]]]]],"
                + "[43,[[144,[[2,[{\"a\":1},{\"a\":1},{\"a\":2}]],\"a\"]]]]]]"))
                .isEqualTo("{\"$reql_type$\":\"GROUPED_DATA\",\"data\":[[1,4],[2,1]]}");
    }

    @Test
    void arrays() {
        assertThat(run("[29,[[2,[1]],2]]")).isEqualTo("[1,2]");
        assertThat(run("[80,[[2,[1]],2]]")).isEqualTo("[2,1]");
        assertThat(run("[95,[[2,[1,2,3,2]],[2,[2]]]]")).isEqualTo("[1,3]");
        assertThat(run("[88,[[2,[1,1,2]],2]]")).isEqualTo("[1,2]");
        assertThat(run("[90,[[2,[1,2]],[2,[2,3]]]]")).isEqualTo("[1,2,3]");
        assertThat(run("[89,[[2,[1,2,2]],[2,[2,3,2]]]]")).isEqualTo("[2]");
        assertThat(run("[91,[[2,[1,2,1]],[2,[2]]]]")).isEqualTo("[1]");
        assertThat(run("[82,[[2,[1,2]],-1,3]]")).isEqualTo("[1,2,3]");
        assertThat(run("[85,[[2,[1,2]],1,[2,[7,8]]]]")).isEqualTo("[1,7,8,2]");
        assertThat(run("[83,[[2,[1,2,3]],0,2]]")).isEqualTo("[3]");
        assertThat(run("[84,[[2,[1,2,3]],1,9]]")).isEqualTo("[1,9,3]");
        assertThatThrownBy(() -> run("[84,[[2,[1,2,3]],3,9]]"))
                .hasMessage("Index `3` out of bounds for array of size: `3`.");
        assertThatThrownBy(() -> run("[83,[[2,[1,2,3]],-4]]")).hasMessage("Index out of bounds: -4");
    }

    @Test
    void strings() {
        assertThat(run("[97,[\"abcdefg\",\"a(b.e)|b(c.e)\"]]"))
                .isEqualTo("{\"end\":5,\"groups\":[null,{\"end\":5,\"start\":2,\"str\":\"cde\"}],\"start\":1,\"str\":\"bcde\"}");
        assertThatThrownBy(() -> run("[97,[\"\",\"ab\\\\9\"]]"))
                .hasMessage("Error in regexp `ab\\9` (portion `\\9`): invalid escape sequence: \\9");
        assertThat(run("[149,[\"aaaa bbbb  cccc \"]]")).isEqualTo("[\"aaaa\",\"bbbb\",\"cccc\"]");
        assertThat(run("[149,[\"aaaa bbbb  cccc \",\" \"]]")).isEqualTo("[\"aaaa\",\"bbbb\",\"\",\"cccc\",\"\"]");
        assertThat(run("[149,[\"abc\",\"\",1]]")).isEqualTo("[\"a\",\"bc\"]");
        assertThat(run("[149,[\"a  b  \",null,2]]")).isEqualTo("[\"a\",\"b\"]");
        assertThat(run("[141,[\"aBcé\"]]")).isEqualTo("\"ABCé\"");
    }

    @Test
    void typesAndJson() {
        assertThat(run("[52,[[2,[]]]]")).isEqualTo("\"ARRAY\"");
        assertThat(run("[51,[\"0xa\",\"NUMBER\"]]")).isEqualTo("10");
        assertThat(run("[51,[\" -1.5e1\",\"number\"]]")).isEqualTo("-15");
        assertThatThrownBy(() -> run("[51,[\"--1.2\",\"NUMBER\"]]")).hasMessage("Could not coerce `--1.2` to NUMBER.");
        assertThatThrownBy(() -> run("[51,[\"inf\",\"NUMBER\"]]")).hasMessage("Non-finite number: inf");
        assertThat(run("[51,[{\"a\":1},\"array\"]]")).isEqualTo("[[\"a\",1]]");
        assertThat(run("[51,[[2,[[2,[\"a\",1]]]],\"object\"]]")).isEqualTo("{\"a\":1}");
        assertThat(run("[51,[[2,[1,\"a\"]],\"string\"]]")).isEqualTo("\"[1,\\\"a\\\"]\"");
        assertThat(run("[51,[null,\"bool\"]]")).isEqualTo("false");
        assertThatThrownBy(() -> run("[51,[[2,[]],\"number\"]]")).hasMessage("Cannot coerce ARRAY to NUMBER.");
        assertThat(run("[98,[\"{\\\"a\\\":[1,2.5]}\"]]")).isEqualTo("{\"a\":[1,2.5]}");
        assertThatThrownBy(() -> run("[98,[\"[1,2\"]]"))
                .hasMessage("Failed to parse \"[1,2\" as JSON: Missing a comma or ']' after an array element.");
        assertThat(run("[172,[{\"a\":[2,[1,null]]}]]")).isEqualTo("\"{\\\"a\\\":[1,null]}\"");
        assertThat(run("[79,[1]]")).isEqualTo("{\"type\":\"NUMBER\",\"value\":\"1\"}");
    }

    /** BINARY data that is not base64, built by a query or read by r.json: a logic error, not an internal one. */
    @Test
    void badBase64InABinaryIsRethinkDbsLogicError() {
        assertThat(run("{\"$reql_type$\":\"BINARY\",\"data\":[24,[\"AA\",\"EC\"]]}")).isEqualTo("{\"$reql_type$\":\"BINARY\",\"data\":\"AAEC\"}");
        assertThatThrownBy(() -> run("{\"$reql_type$\":\"BINARY\",\"data\":[24,[\"AA\",\"@A\"]]}"))
                .isInstanceOf(ReqlQueryLogicError.class).hasMessage("Invalid base64 character found: '@'.");
        assertThatThrownBy(() -> run("[143,[\"$reql_type$\",\"BINARY\",\"data\",\"AAECB\"]]"))
                .isInstanceOf(ReqlQueryLogicError.class)
                .hasMessage("Invalid base64 length: 1 character remaining, cannot decode a full byte.");
        assertThatThrownBy(() -> run("[98,[\"{\\\"$reql_type$\\\":\\\"BINARY\\\",\\\"data\\\":\\\"AA==AA\\\"}\"]]"))
                .isInstanceOf(ReqlQueryLogicError.class)
                .hasMessage("Invalid base64 format, data found after padding character '='.");
    }

    @Test
    void randomAndUuid() {
        assertThat(run("[169,[\"foo\"]]")).isEqualTo(run("[169,[\"foo\"]]"));
        assertThat(run("[169,[]]")).matches("\"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\"");
        assertThat(Double.parseDouble(run("[151,[10]]"))).isBetween(0.0, 9.0);
        assertThatThrownBy(() -> run("[151,[]]", true)).isInstanceOf(ReqlQueryLogicError.class);
        assertThatThrownBy(() -> run("[151,[0.5]]")).hasMessage("Upper bound (0.5) could not be safely converted to an integer.");
        assertThatThrownBy(() -> run("[151,[2,2]]")).hasMessage("Lower bound (2) is not less than upper bound (2).");
    }

    private String run(String q, boolean intMode) {
        return run(q.replace("[151,[]]", "[151,[],{\"float\":false}]"));
    }

    /** Nesting is limited only as far as values can be sent back (on threads with the stack for it). */
    @Test
    void jsonNestedBeyondTheLimitIsRefused() throws Exception {
        int tooDeep = DatumJson.MAX_NESTING_DEPTH + 1;
        FutureTask<Throwable> parse = new FutureTask<>(() ->
                catchThrowable(() -> run("[98,[\"" + "[".repeat(tooDeep) + "]".repeat(tooDeep) + "\"]]")));
        DeepStackThreads.daemons("deep-json-").newThread(parse).start();
        assertThat(parse.get()).isInstanceOf(ReqlQueryLogicError.class)
                .hasMessage("Failed to parse \"" + "[".repeat(37) + "...\" as JSON: Nesting depth exceeds 100000.");
    }
}
