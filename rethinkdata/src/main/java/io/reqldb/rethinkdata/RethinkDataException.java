package io.reqldb.rethinkdata;

/**
 * A RethinkDB data directory that cannot be read as RethinkDB would read it: a damaged or
 * truncated file, a format this reader does not know, a folder in use. The message names the
 * file, and where known the table and the byte offset, so that a user can tell what is lost.
 */
public final class RethinkDataException extends RuntimeException {
    public RethinkDataException(String message) {
        super(message);
    }

    public RethinkDataException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The same failure with {@code where} (a file or table) put in front of the message. */
    public RethinkDataException in(String where) {
        RethinkDataException e = new RethinkDataException(where + ": " + getMessage(), getCause());
        e.setStackTrace(getStackTrace());
        return e;
    }
}
