package io.reqldb.query.error;

/** The user lacks the permission the query needs. */
public final class ReqlPermissionError extends ReqlRuntimeError {
    public ReqlPermissionError(String message) {
        super(message, 6000000);
    }
}
