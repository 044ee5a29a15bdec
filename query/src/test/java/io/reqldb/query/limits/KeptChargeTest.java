package io.reqldb.query.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.reqldb.datum.DatumJson;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.query.QueryResult;
import io.reqldb.query.RqlQueryEngine;
import io.reqldb.query.Session;
import io.reqldb.query.eval.StoreCatalog;
import org.junit.jupiter.api.Test;

/**
 * What a buffer kept (an array read from a stream, a sort, a group) stays charged for as long as
 * the value it built is held: a function call's charges go when the call returns only when its
 * result is not the query's value. At the top of the query the server closes the control once
 * the answer has been written.
 */
class KeptChargeTest {
    private static final long MB = 1 << 20;
    /** {@code r.range(20000).coerce_to('array')}: 20,000 buffered numbers. */
    private static final String ARRAY = "[51,[[173,[20000]],\"array\"]]";

    private final RqlQueryEngine engine = new RqlQueryEngine(null, new StoreCatalog(null));

    /** Bytes still charged once the query has returned its value, before the control closes. */
    private long chargedAfter(String queryJson) {
        QueryControl control = new QueryLimits(100 * MB, 150 * MB).open();
        try {
            QueryResult result = engine.start(DatumJson.parse(queryJson), ObjectDatum.EMPTY, new Session("admin", 1), control);
            assertThat(result).isInstanceOf(QueryResult.Atom.class);
            return control.charged();
        } finally {
            control.close();
        }
    }

    @Test
    void theArrayAQueryReturnsStaysCharged() {
        assertThat(chargedAfter(ARRAY)).isGreaterThan(20_000 * 16L);
    }

    @Test
    void theArrayADoFunctionReturnsStaysCharged() {
        assertThat(chargedAfter("[64,[[69,[[2,[]]," + ARRAY + "]]]]")).isGreaterThan(20_000 * 16L);
    }

    @Test
    void theArrayADefaultFunctionReturnsStaysCharged() {
        // r.expr(null).default(e => r.range(20000).coerce_to('array')): before, the charge went
        // when the function returned, while the array lived on as the query's answer.
        assertThat(chargedAfter("[92,[null,[69,[[2,[1]]," + ARRAY + "]]]]")).isGreaterThan(20_000 * 16L);
    }

    @Test
    void theArraysADoFunctionReturnsPerGroupStayCharged() {
        // r.expr([1, 2]).group(x => x).do(g => r.range(20000).coerce_to('array')): two groups'
        // arrays make the answer; before, each one's charge went when its call returned.
        String grouped = "[144,[[2,[1,2]],[69,[[2,[1]],[10,[1]]]]]]";
        assertThat(chargedAfter("[64,[[69,[[2,[2]]," + ARRAY + "]]," + grouped + "]]")).isGreaterThan(2 * 20_000 * 16L);
    }

    @Test
    void arraysAMapFunctionBuildsAreReleasedAsEachCallReturns() {
        // r.range(3).map(x => r.range(20000).coerce_to('array').count()): nothing outlives a call.
        assertThat(chargedAfter("[51,[[38,[[173,[3]],[69,[[2,[1]],[43,[" + ARRAY + "]]]]]],\"array\"]]"))
                .isLessThan(20_000 * 16L);
    }
}
