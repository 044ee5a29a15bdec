package io.reqldb.query.error;

/** The query is malformed: unknown term, wrong arity, bad optarg, unbound variable. */
public final class ReqlCompileError extends ReqlError {
    public ReqlCompileError(String message) {
        super(message);
    }

    @Override
    public int responseType() {
        return 17;
    }

    @Override
    public int errorType() {
        return 0;
    }
}
