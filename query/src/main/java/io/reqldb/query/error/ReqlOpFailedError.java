package io.reqldb.query.error;

/** The operation failed and did not happen. */
public final class ReqlOpFailedError extends ReqlAvailabilityError {
    public ReqlOpFailedError(String message) {
        super(message, 4100000);
    }
}
