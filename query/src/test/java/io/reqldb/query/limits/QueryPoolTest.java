package io.reqldb.query.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reqldb.query.error.ReqlResourceLimitError;
import org.junit.jupiter.api.Test;

/**
 * The server's pool against queries that each stay within their own budget: buffers and values
 * built step by step both draw on it, so together they cannot hold more than the pool.
 */
class QueryPoolTest {
    private static final long MB = 1 << 20;
    /** Each query may hold 100 MB; all of them together 150 MB. */
    private final QueryLimits limits = new QueryLimits(100 * MB, 150 * MB);

    @Test
    void twoValuesBuiltStepByStep_eachWithinItsBudget_cannotTogetherExceedThePool() {
        QueryControl first = limits.open();
        QueryControl second = limits.open();
        first.checkSize(90 * MB);
        assertThat(limits.reservedBytes()).isGreaterThanOrEqualTo(90 * MB);
        second.checkSize(50 * MB);
        assertThatThrownBy(() -> second.checkSize(90 * MB)).isInstanceOf(ReqlResourceLimitError.class)
                .hasMessageStartingWith("Query memory exhausted: running queries hold `");
        first.close();
        second.checkSize(90 * MB);
        second.close();
        assertThat(limits.reservedBytes()).isZero();
    }

    @Test
    void aValueBesideABuffer_countsBothAgainstTheBudget() {
        QueryControl query = limits.open();
        QueryControl.Buffer rows = query.buffer();
        rows.add(60 * MB);
        assertThatThrownBy(() -> query.checkSize(50 * MB)).isInstanceOf(ReqlResourceLimitError.class)
                .hasMessageStartingWith("Query over memory limit `" + 100 * MB + "` bytes (it needs `" + 110 * MB + "`)");
        query.checkSize(30 * MB);
        assertThat(limits.reservedBytes()).isGreaterThanOrEqualTo(90 * MB);
        rows.close();
        query.close();
        assertThat(limits.reservedBytes()).isZero();
    }
}
