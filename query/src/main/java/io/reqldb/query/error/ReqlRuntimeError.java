package io.reqldb.query.error;

/** An error while running a well-formed query. The subclass says which kind (Response.ErrorType). */
public sealed class ReqlRuntimeError extends ReqlError permits ReqlQueryLogicError, ReqlResourceLimitError,
        ReqlUserError, ReqlInternalError, ReqlAvailabilityError, ReqlPermissionError {

    private final int errorType;

    protected ReqlRuntimeError(String message, int errorType) {
        super(message);
        this.errorType = errorType;
    }

    @Override
    public int responseType() {
        return 18;
    }

    @Override
    public int errorType() {
        return errorType;
    }
}
