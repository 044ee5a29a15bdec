package io.reqldb.query.terms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reqldb.query.EngineHarness;
import io.reqldb.query.error.ReqlQueryLogicError;
import org.junit.jupiter.api.Test;

class JsTermsTest {
    private final EngineHarness reql = new EngineHarness(null);

    private static String js(String source) {
        return "[11,[\"" + source.replace("\"", "\\\"") + "\"]]";
    }

    @Test
    void evaluatesToDatums() {
        assertThat(reql.run(js("1 + 1"))).isEqualTo("2");
        assertThat(reql.run(js("1 + 1; 2 + 2"))).isEqualTo("4");
        assertThat(reql.run(js("({a: [1, 'x', null, true]})"))).isEqualTo("{\"a\":[1,\"x\",null,true]}");
        assertThat(reql.run(js("new Date('2012-08-01')")))
                .isEqualTo("{\"$reql_type$\":\"TIME\",\"epoch_time\":1343779200,\"timezone\":\"+00:00\"}");
        assertThatThrownBy(() -> reql.run(js("undefined"))).isInstanceOf(ReqlQueryLogicError.class)
                .hasMessage("Cannot convert javascript `undefined` to ql::datum_t.");
        assertThatThrownBy(() -> reql.run(js("/a/"))).hasMessage("Cannot convert RegExp to ql::datum_t.");
        assertThatThrownBy(() -> reql.run(js("1/0"))).hasMessage("Number return value is not finite.");
        assertThatThrownBy(() -> reql.run(js("x.y"))).hasMessage("ReferenceError: 'x' is not defined");
        assertThatThrownBy(() -> reql.run(js("({}).a.b"))).hasMessage("TypeError: cannot read property 'b' of undefined");
        assertThatThrownBy(() -> reql.run(js("throw new Error('boom')"))).hasMessage("Error: boom");
        assertThatThrownBy(() -> reql.run(js("function() { return 1; }"))).hasMessage("SyntaxError: function name expected");
    }

    @Test
    void functionsTakeAnyNumberOfArguments() {
        String add = js("(function(a, b) { return a + b; })");
        assertThat(reql.run("[64,[" + add + ",1,2]]")).isEqualTo("3");
        assertThat(reql.run("[64,[" + js("(function(a) { return a; })") + ",1,2]]")).isEqualTo("1");
        assertThatThrownBy(() -> reql.run("[64,[" + js("(function(a, b, c) { return c; })") + ",1,2]]"))
                .hasMessage("Cannot convert javascript `undefined` to ql::datum_t.");
        assertThat(reql.run("[64,[" + js("(function(t) { return t; })") + ",[101,[1375147296.681]]]]"))
                .contains("\"epoch_time\":1375147296.681");
    }

    /** Values that cannot cross between JavaScript and ReQL, refused with RethinkDB's texts. */
    @Test
    void conversionsRefuseWhatRethinkDbRefuses() {
        assertThatThrownBy(() -> reql.run(js("var o = {}; o.o = o; o")))
                .hasMessage("Recursion limit exceeded in js_to_json (circular reference?).");
        assertThatThrownBy(() -> reql.run(js("new Date('not a date')"))).hasMessage("Invalid Date in JS environment");
        assertThatThrownBy(() -> reql.run(js("({f: function() {}})"))).hasMessage("Cannot convert function to ql::datum_t.");
        assertThatThrownBy(() -> reql.run("[64,[" + js("(function(x) { return function() {}; })") + ",1]]"))
                .hasMessage("Returning functions from within `r.js` is unsupported.");
        assertThatThrownBy(() -> reql.run("[64,[" + js("(function(x) { return x; })") + ",[180,[]]]]"))
                .hasMessage("`r.minval` cannot be passed to `r.js`.");
        assertThatThrownBy(() -> reql.run("[64,[" + js("(function(x) { return x; })") + ",[181,[]]]]"))
                .hasMessage("`r.maxval` cannot be passed to `r.js`.");
    }

    /** Times, binaries and nested values go into a function and come back as they were. */
    @Test
    void valuesRoundTripThroughAFunction() {
        String identity = js("(function(x) { return x; })");
        assertThat(reql.run("[64,[" + identity + ",{\"$reql_type$\":\"BINARY\",\"data\":\"aGk=\"}]]"))
                .isEqualTo("{\"$reql_type$\":\"BINARY\",\"data\":\"aGk=\"}");
        assertThat(reql.run("[64,[" + identity + ",{\"a\":[2,[1,2.5,\"x\",null,false,{\"b\":{}}]]}]]"))
                .isEqualTo("{\"a\":[1,2.5,\"x\",null,false,{\"b\":{}}]}");
        assertThat(reql.run("[64,[" + js("(function(t) { return t.getTime(); })") + ",[101,[1375147296.681]]]]"))
                .isEqualTo("1375147296681");
    }

    @Test
    void timesOut() {
        reql.run(js("1"));
        long start = System.nanoTime();
        assertThatThrownBy(() -> reql.run("[11,[\"while(true) {}\"],{\"timeout\":0.3}]"))
                .hasMessage("JavaScript query `while(true) {}` timed out after 0.300 seconds.");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(5);
    }
}
