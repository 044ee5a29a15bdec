package io.reqldb.query.error;

/** A bug or an unexpected failure inside the server. */
public final class ReqlInternalError extends ReqlRuntimeError {
    public ReqlInternalError(String message) {
        super(message, 1000000);
    }
}
