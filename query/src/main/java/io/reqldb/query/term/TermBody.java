package io.reqldb.query.term;

import io.reqldb.query.eval.Env;

/** What a simple term does when evaluated; gets the term for its argument helpers. */
@FunctionalInterface
public interface TermBody {
    Object eval(Term self, Env env);
}
