package io.reqldb.query.error;

/** A missing field, document or value (the kind {@code default} catches). */
public final class ReqlNonExistenceError extends ReqlQueryLogicError {
    public ReqlNonExistenceError(String message) {
        super(message, 3100000);
    }
}
