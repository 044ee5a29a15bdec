package io.reqldb.query.terms;

import io.reqldb.query.feed.Changes;
import io.reqldb.query.term.TermFamily;
import io.reqldb.query.term.TermRegistry;
import io.reqldb.query.term.TermType;

/** {@code changes()}: realtime feeds on tables, ranges, documents and order_by.limit windows (io.reqldb.query.feed). */
public final class ChangefeedTerms implements TermFamily {
    @Override
    public void register(TermRegistry r) {
        r.term(TermType.CHANGES).args(1)
                .optargs("squash", "changefeed_queue_size", "include_initial", "include_offsets",
                        "include_states", "include_types")
                .notGroupable()
                .body(Changes::eval);
    }
}
