package io.reqldb.tools;

/**
 * A failure to report to the user as one message, never a stack trace. Exit code 2 is for
 * option and connection errors, 1 for failures while working (the official tools' convention).
 */
public final class ToolException extends RuntimeException {
    /** Exit code of option-validation and connection failures. */
    public static final int USAGE = 2;
    /** Exit code of runtime failures. */
    public static final int FAILURE = 1;

    private final int exitCode;

    /** A failure with the given complete message and exit code. */
    public ToolException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    /** A runtime failure (exit code 1). */
    public static ToolException failure(String message) {
        return new ToolException(message, FAILURE);
    }

    /** An option or connection failure (exit code 2). */
    public static ToolException usage(String message) {
        return new ToolException(message, USAGE);
    }

    /** The process exit code for this failure. */
    public int exitCode() {
        return exitCode;
    }
}
