package io.reqldb.query.terms;

import io.reqldb.query.term.TermFamily;
import io.reqldb.query.term.TermRegistry;
import java.util.List;

/** Every term family; the engine registers them all at start. */
public final class TermFamilies {
    private static final List<TermFamily> ALL = List.of(
            new ControlTerms(),
            new MathTerms(),
            new LogicTerms(),
            new StringTerms(),
            new TypeTerms(),
            new ObjectTerms(),
            new ArrayTerms(),
            new RandomTerms(),
            new BinaryTerms(),
            new SequenceTerms(),
            new OrderTerms(),
            new AggregationTerms(),
            new JoinTerms(),
            new DbTableTerms(),
            new WriteTerms(),
            new SelectionTerms(),
            new IndexTerms(),
            new WriteHookTerms(),
            new UserTerms(),
            new TimeTerms(),
            new GeoTerms(),
            new JsTerms(),
            new HttpTerms(),
            new ChangefeedTerms());

    private TermFamilies() {
    }

    public static void registerAll(TermRegistry registry) {
        for (TermFamily family : ALL) {
            family.register(registry);
        }
    }
}
