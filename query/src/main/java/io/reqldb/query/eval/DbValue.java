package io.reqldb.query.eval;

/** A database reference, {@code r.db(name)}. */
public record DbValue(String name) {
}
