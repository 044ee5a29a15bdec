package io.reqldb.server.wire;

/**
 * A frame whose JSON is not a query. The message is RethinkDB's, and goes back to the client as a
 * CLIENT_ERROR for the frame's token; the connection stays open.
 */
public final class MalformedQueryException extends RuntimeException {
    public MalformedQueryException(String message) {
        super(message, null, false, false);
    }
}
