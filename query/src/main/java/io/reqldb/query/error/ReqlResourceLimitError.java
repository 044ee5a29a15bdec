package io.reqldb.query.error;

/** A limit was exceeded (array size, memory). */
public final class ReqlResourceLimitError extends ReqlRuntimeError {
    public ReqlResourceLimitError(String message) {
        super(message, 2000000);
    }
}
