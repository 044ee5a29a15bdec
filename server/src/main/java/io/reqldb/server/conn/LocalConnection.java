package io.reqldb.server.conn;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.reqldb.query.Session;
import io.reqldb.server.wire.QueryFrame;

/**
 * A client connection inside the server process, for the web console: queries go to the same
 * dispatcher, engine, limits and permission checks as a driver connection's, as the user the
 * caller authenticated, without a socket or a handshake. Responses come back as the JSON text a
 * driver would read after the frame header.
 */
public final class LocalConnection implements AutoCloseable {
    /** Frame header: token (8 bytes) and length (4 bytes) before the JSON. */
    private static final int HEADER_BYTES = 12;

    /** Receives each response; called on worker threads, for different tokens at once. */
    public interface Responses {
        void accept(long token, byte[] json);
    }

    private final QueryDispatcher dispatcher;
    private final Session session;

    /** Use {@link io.reqldb.server.ReqlServer#connectLocal}. */
    public LocalConnection(ServerContext server, String user, Responses responses) {
        this.session = new Session(user, server.connectionIds().incrementAndGet());
        this.dispatcher = new QueryDispatcher(server, session, null, (response, whenWritten) -> {
            AnswerFrame frame = AnswerFrame.encode(ByteBufAllocator.DEFAULT, response, server.limits());
            try {
                if (frame != null) {
                    ByteBuf bytes = frame.bytes();
                    try {
                        byte[] json = new byte[bytes.readableBytes() - HEADER_BYTES];
                        bytes.getBytes(bytes.readerIndex() + HEADER_BYTES, json);
                        responses.accept(response.token(), json);
                    } finally {
                        bytes.release();
                        frame.sent();
                    }
                }
            } finally {
                whenWritten.run();
            }
            return frame != null && frame.asGiven();
        });
    }

    /** The user this connection runs queries as. */
    public String user() {
        return session.user();
    }

    /** Sends one wire-protocol query ({@code [type, term, optargs]} as UTF-8 JSON) under a token. */
    public void send(long token, byte[] payload) {
        dispatcher.receive(new QueryFrame(token, payload), () -> { });
    }

    /** Stops every query and releases every stream of this connection. */
    @Override
    public void close() {
        dispatcher.close();
    }
}
