package io.reqldb.query.error;

/** Raised by {@code r.error}. */
public final class ReqlUserError extends ReqlRuntimeError {
    public ReqlUserError(String message) {
        super(message, 5000000);
    }
}
