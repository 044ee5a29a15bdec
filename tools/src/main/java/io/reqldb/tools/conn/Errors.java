package io.reqldb.tools.conn;

/** Turns driver and I/O exceptions into one-line messages for the user. */
public final class Errors {
    private Errors() {}

    /** The first line of the message, taken from the cause when the exception itself has none. */
    public static String describe(Throwable e) {
        String message = e.getMessage();
        if ((message == null || message.isBlank()) && e.getCause() != null) {
            return describe(e.getCause());
        }
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
