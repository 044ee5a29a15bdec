package io.reqldb.query.terms;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reqldb.query.EngineHarness;
import io.reqldb.query.error.ReqlCompileError;
import io.reqldb.query.error.ReqlError;
import io.reqldb.query.error.ReqlQueryLogicError;
import org.junit.jupiter.api.Test;

/** {@code changes()} checks that need no table: optargs, arity, and what cannot be watched. */
class ChangefeedTermsTest {
    private final EngineHarness reql = new EngineHarness(null);

    @Test
    void squash_mustBeBoolOrNonNegativeNumber() {
        assertThatThrownBy(() -> reql.run("[152,[[2,[1]]],{\"squash\":null}]"))
                .isInstanceOf(ReqlQueryLogicError.class).hasMessage("Expected BOOL or NUMBER but found NULL.")
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((ReqlError) e).backtrace().toString())
                        .contains("squash"));
        assertThatThrownBy(() -> reql.run("[152,[[2,[1]]],{\"squash\":-10}]"))
                .isInstanceOf(ReqlQueryLogicError.class)
                .hasMessage("Expected BOOL or a positive NUMBER but found a negative NUMBER.");
    }

    @Test
    void queueSize_mustBePositive() {
        assertThatThrownBy(() -> reql.run("[152,[[2,[1]]],{\"changefeed_queue_size\":0}]"))
                .isInstanceOf(ReqlQueryLogicError.class)
                .hasMessage("Illegal changefeed queue size `0`.  (Must be >= 1.)");
    }

    @Test
    void unknownOptarg_isACompileError() {
        assertThatThrownBy(() -> reql.run("[152,[[2,[1]]],{\"bogus\":1}]")).isInstanceOf(ReqlCompileError.class);
    }

    @Test
    void arrays_cannotBeWatched() {
        assertThatThrownBy(() -> reql.run("[152,[[2,[1]]]]")).isInstanceOf(ReqlQueryLogicError.class)
                .hasMessage("Cannot call `changes` on this stream.");
    }

    /** Some tests build chains with terms of other families; they wait until those are registered. */
    private static void assumeRegistered(io.reqldb.query.term.TermType type) {
        io.reqldb.query.term.TermRegistry r = new io.reqldb.query.term.TermRegistry();
        TermFamilies.registerAll(r);
        org.junit.jupiter.api.Assumptions.assumeTrue(r.isRegistered(type), type + " not registered yet");
    }

    @Test
    void nonDeterministicStep_isRefused() {
        assumeRegistered(io.reqldb.query.term.TermType.MAP);
        // r.expr([1]).map(x => r.random()).changes()
        assertThatThrownBy(() -> reql.run("[152,[[38,[[2,[1]],[69,[[2,[1]],[151,[]]]]]]]]"))
                .isInstanceOf(ReqlQueryLogicError.class)
                .hasMessage("Cannot call `changes` after a non-deterministic function.");
    }

    @Test
    void concatMap_isRefused() {
        assumeRegistered(io.reqldb.query.term.TermType.CONCAT_MAP);
        assertThatThrownBy(() -> reql.run("[152,[[40,[[2,[1]],[69,[[2,[1]],[2,[]]]]]]]]"))
                .isInstanceOf(ReqlQueryLogicError.class).hasMessage("Cannot call `changes` after `concat_map`.");
    }
}
