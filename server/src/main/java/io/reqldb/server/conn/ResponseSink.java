package io.reqldb.server.conn;

import io.reqldb.server.wire.Response;

/** Where a connection's responses go. Thread-safe: workers for different tokens call it at once. */
interface ResponseSink {

    /**
     * Sends a response; {@code whenWritten} runs once it has left (or could not be written because
     * the connection is gone), which is how the connection limits its responses in flight.
     * Returns false when an error was sent in its place (it could not be encoded, or the server's
     * pool had no room for it): a stream it was a batch of ends there.
     */
    boolean send(Response response, Runnable whenWritten);
}
