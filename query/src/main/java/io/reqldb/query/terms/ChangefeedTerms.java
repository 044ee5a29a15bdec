package io.reqldb.query.terms;

import io.reqldb.query.term.TermFamily;
import io.reqldb.query.term.TermRegistry;

/** TODO(#4): implement changefeeds. */
public final class ChangefeedTerms implements TermFamily {
    @Override
    public void register(TermRegistry registry) {
    }
}
