package io.reqldb.server.conn;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.reqldb.datum.Datum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.server.auth.AuthenticationException;
import io.reqldb.server.auth.InMemoryUserStore;
import io.reqldb.server.auth.PasswordHash;
import io.reqldb.server.auth.ScramExchange;
import io.reqldb.server.wire.HandshakeJson;
import io.reqldb.server.wire.HandshakeMessages;
import io.reqldb.server.wire.ProtocolMagic;
import io.reqldb.server.wire.QueryFrameDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of every connection: reads the magic number, runs the handshake it names,
 * and on success replaces itself with the query frame decoder and a {@link ConnectionHandler}
 * (bytes the client already sent after the handshake pass on to them).
 *
 * <p>V1_0 is SCRAM-SHA-256 in NUL-terminated JSON messages, answering in JSON. V0_3 and V0_4 are
 * RethinkDB's older handshake (the admin password as a plaintext key, then a protocol number),
 * answering in text. V0_1 and V0_2 and unknown numbers are refused. Texts and codes are
 * RethinkDB's; after a failure the server writes the error and closes.
 */
public final class HandshakeHandler extends ByteToMessageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(HandshakeHandler.class);
    private static final int MAX_LEGACY_KEY_BYTES = 2048;
    private static final String UNSUPPORTED_VERSION = "Received an unsupported protocol version. This port is for "
            + "RethinkDB queries. Does your client driver version not match the server?";
    private static final String PROTOBUF_GONE = "The PROTOBUF client protocol is no longer supported";

    private enum State { MAGIC, CLIENT_FIRST, CLIENT_FINAL, LEGACY_KEY_LENGTH, LEGACY_KEY, LEGACY_PROTOCOL, FAILED }

    private final ServerContext server;
    private final ScramExchange scram;
    private State state = State.MAGIC;
    private boolean legacy;
    private int legacyKeyLength;

    public HandshakeHandler(ServerContext server) {
        this.server = server;
        this.scram = new ScramExchange(server.users());
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        try {
            step(ctx, in);
        } catch (AuthenticationException e) {
            fail(ctx, in, e);
        } catch (NotAnObject e) {
            // RethinkDB fails looking for a field of a non-object and closes without a word.
            LOG.debug("handshake from {} failed: a message that is not a JSON object", ctx.channel().remoteAddress());
            state = State.FAILED;
            in.skipBytes(in.readableBytes());
            ctx.close();
        }
    }

    /** A handshake message that is JSON but not an object. */
    private static final class NotAnObject extends RuntimeException {
        NotAnObject() {
            super(null, null, false, false);
        }
    }

    private void step(ChannelHandlerContext ctx, ByteBuf in) throws AuthenticationException {
        while (!ctx.isRemoved()) {
            switch (state) {
                case MAGIC -> {
                    if (in.readableBytes() < 4) {
                        return;
                    }
                    magic(ctx, in.readIntLE());
                }
                case CLIENT_FIRST -> {
                    byte[] message = readMessage(in);
                    if (message == null) {
                        return;
                    }
                    clientFirst(ctx, message);
                }
                case CLIENT_FINAL -> {
                    byte[] message = readMessage(in);
                    if (message == null) {
                        return;
                    }
                    String reply = scram.clientFinal(authentication(parse(message)));
                    ctx.writeAndFlush(Unpooled.wrappedBuffer(HandshakeMessages.authentication(reply)));
                    authenticated(ctx, scram.user());
                }
                case LEGACY_KEY_LENGTH -> {
                    if (in.readableBytes() < 4) {
                        return;
                    }
                    long length = in.readUnsignedIntLE();
                    if (length > MAX_LEGACY_KEY_BYTES) {
                        throw new AuthenticationException(-1, "Client provided an authorization key that is too long.");
                    }
                    legacyKeyLength = (int) length;
                    state = State.LEGACY_KEY;
                }
                case LEGACY_KEY -> {
                    if (in.readableBytes() < legacyKeyLength) {
                        return;
                    }
                    String key = in.readCharSequence(legacyKeyLength, StandardCharsets.UTF_8).toString();
                    PasswordHash admin = server.users().password(InMemoryUserStore.ADMIN).orElse(null);
                    if (admin == null || !admin.matches(key)) {
                        // RethinkDB keeps this one text for every failure, for old drivers' sake.
                        throw new AuthenticationException(-1, "Incorrect authorization key.");
                    }
                    state = State.LEGACY_PROTOCOL;
                }
                case LEGACY_PROTOCOL -> {
                    if (in.readableBytes() < 4) {
                        return;
                    }
                    int protocol = in.readIntLE();
                    if (protocol == ProtocolMagic.PROTOCOL_PROTOBUF) {
                        throw new AuthenticationException(-1, PROTOBUF_GONE);
                    } else if (protocol != ProtocolMagic.PROTOCOL_JSON) {
                        throw new AuthenticationException(-1, "Unrecognized protocol specified: '" + protocol + "'");
                    }
                    ctx.writeAndFlush(Unpooled.wrappedBuffer(HandshakeMessages.legacySuccess()));
                    authenticated(ctx, InMemoryUserStore.ADMIN);
                }
                case FAILED -> {
                    in.skipBytes(in.readableBytes());
                    return;
                }
            }
        }
    }

    private void magic(ChannelHandlerContext ctx, int magic) throws AuthenticationException {
        switch (magic) {
            case ProtocolMagic.V1_0 -> {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(HandshakeMessages.serverHello(server.serverVersion())));
                state = State.CLIENT_FIRST;
            }
            case ProtocolMagic.V0_3, ProtocolMagic.V0_4 -> {
                legacy = true;
                state = State.LEGACY_KEY_LENGTH;
            }
            case ProtocolMagic.V0_1, ProtocolMagic.V0_2 -> {
                legacy = true;
                throw new AuthenticationException(-1, PROTOBUF_GONE);
            }
            default -> {
                legacy = true;
                throw new AuthenticationException(-1, UNSUPPORTED_VERSION);
            }
        }
    }

    private void clientFirst(ChannelHandlerContext ctx, byte[] message) throws AuthenticationException {
        ObjectDatum fields = parse(message);
        if (!(fields.get("protocol_version") instanceof NumberDatum version)) {
            throw new AuthenticationException(1, "Expected a number for `protocol_version`.");
        }
        if (version.value() != 0) {
            throw new AuthenticationException(2, "Unsupported `protocol_version`.");
        }
        if (!(fields.get("authentication_method") instanceof StringDatum method)) {
            throw new AuthenticationException(3, "Expected a string for `authentication_method`.");
        }
        if (!method.value().equals("SCRAM-SHA-256")) {
            throw new AuthenticationException(4, "Unsupported `authentication_method`.");
        }
        String reply = scram.clientFirst(authentication(fields));
        ctx.writeAndFlush(Unpooled.wrappedBuffer(HandshakeMessages.authentication(reply)));
        state = State.CLIENT_FINAL;
    }

    /** One NUL-terminated message, or Java null until all of it has arrived. */
    private static byte[] readMessage(ByteBuf in) throws AuthenticationException {
        // RethinkDB reads into a 2048-byte buffer and gives up when the NUL is not in it.
        int scan = Math.min(in.readableBytes(), HandshakeMessages.MAX_CLIENT_MESSAGE_BYTES - 1);
        int nul = in.indexOf(in.readerIndex(), in.readerIndex() + scan, (byte) 0);
        if (nul < 0) {
            if (scan == HandshakeMessages.MAX_CLIENT_MESSAGE_BYTES - 1) {
                throw new AuthenticationException(7, "Limited read buffer size.");
            }
            return null;
        }
        byte[] message = new byte[nul - in.readerIndex()];
        in.readBytes(message);
        in.skipBytes(1);
        return message;
    }

    private static ObjectDatum parse(byte[] message) throws AuthenticationException {
        Datum datum;
        try {
            datum = HandshakeJson.parse(message);
        } catch (HandshakeJson.Refused e) {
            throw new AuthenticationException(e.code(), e.getMessage());
        }
        if (!(datum instanceof ObjectDatum o)) {
            throw new NotAnObject();
        }
        return o;
    }

    private static String authentication(ObjectDatum fields) throws AuthenticationException {
        if (!(fields.get("authentication") instanceof StringDatum text)) {
            throw new AuthenticationException(5, "Expected a string for `authentication`.");
        }
        return text.value();
    }

    private void authenticated(ChannelHandlerContext ctx, String user) {
        String name = ctx.name();
        // Answers written while frames are being read, or by several workers in one turn of the
        // event loop, go out with one flush (one system call) instead of one each.
        ctx.pipeline().addAfter(name, "flushes", new FlushConsolidationHandler(
                FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
        ctx.pipeline().addAfter("flushes", "frames",
                new QueryFrameDecoder(server.maxQueryBytes(), QueryFrameDecoder.DEFAULT_DISCARD_LIMIT_BYTES));
        ctx.pipeline().addAfter("frames", "queries", new ConnectionHandler(server, user));
        // Removing a ByteToMessageDecoder passes the bytes it still holds to the next handler.
        ctx.pipeline().remove(this);
    }

    private void fail(ChannelHandlerContext ctx, ByteBuf in, AuthenticationException e) {
        LOG.debug("handshake from {} failed: {} ({})", ctx.channel().remoteAddress(), e.getMessage(), e.code());
        state = State.FAILED;
        in.skipBytes(in.readableBytes());
        byte[] reply = legacy
                ? HandshakeMessages.legacyFailure(e.getMessage())
                : HandshakeMessages.failure(e.getMessage(), e.code());
        ctx.writeAndFlush(Unpooled.wrappedBuffer(reply)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("handshake from {} broke off: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
