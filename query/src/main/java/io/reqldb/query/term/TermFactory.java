package io.reqldb.query.term;

import java.util.Map;

/** Builds a term from its compiled arguments; called once per occurrence at compile time. */
@FunctionalInterface
public interface TermFactory {
    Term create(TermType type, Term[] args, Map<String, Term> optargs);
}
