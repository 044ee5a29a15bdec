package io.reqldb.query.terms;

import io.reqldb.query.term.TermFamily;
import io.reqldb.query.term.TermRegistry;

/** TODO(#2): implement this family's terms. */
public final class JsTerms implements TermFamily {
    @Override
    public void register(TermRegistry registry) {
    }
}
