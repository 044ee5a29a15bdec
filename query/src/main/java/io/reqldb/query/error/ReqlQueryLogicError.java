package io.reqldb.query.error;

/** The query is well formed but asks for something impossible (wrong types, bad values). */
public sealed class ReqlQueryLogicError extends ReqlRuntimeError permits ReqlNonExistenceError {
    public ReqlQueryLogicError(String message) {
        super(message, 3000000);
    }

    protected ReqlQueryLogicError(String message, int errorType) {
        super(message, errorType);
    }
}
