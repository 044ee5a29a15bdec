package io.reqldb.query.term;

/** A group of related terms (math, strings, writes...) that registers them together. */
public interface TermFamily {
    void register(TermRegistry registry);
}
