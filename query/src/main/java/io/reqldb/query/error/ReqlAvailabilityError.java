package io.reqldb.query.error;

/** The operation could not be carried out because the system was unavailable. */
public sealed class ReqlAvailabilityError extends ReqlRuntimeError permits ReqlOpFailedError, ReqlOpIndeterminateError {
    public ReqlAvailabilityError(String message) {
        super(message, 4000000);
    }

    protected ReqlAvailabilityError(String message, int errorType) {
        super(message, errorType);
    }
}
