package io.reqldb.query.error;

/** The operation failed and may or may not have happened. */
public final class ReqlOpIndeterminateError extends ReqlAvailabilityError {
    public ReqlOpIndeterminateError(String message) {
        super(message, 4200000);
    }
}
