package io.reqldb.server.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the byte stream after the handshake into {@link QueryFrame}s: an 8-byte token and a
 * 4-byte length (both little-endian), then that many bytes of JSON.
 *
 * <p>The length is checked before anything is buffered. A frame at or over the limit is never
 * kept: like RethinkDB, its body is read and dropped when it is under a hard limit (so the client
 * does not see a broken pipe before it reads the error) and the decoder then emits one
 * {@link OversizedQuery}; after that it drops all input, because the connection is closing.
 */
public final class QueryFrameDecoder extends ByteToMessageDecoder {
    /** RethinkDB's limit: a query of 128 MB or more is refused. */
    public static final long DEFAULT_MAX_QUERY_BYTES = 128L * 1024 * 1024;
    /** Above this, the body of an oversized query is not even skipped (RethinkDB: 1 GB). */
    public static final long DEFAULT_DISCARD_LIMIT_BYTES = 1024L * 1024 * 1024;

    private static final int HEADER_BYTES = 12;

    private enum State { HEADER, BODY, DISCARD, FAILED }

    private final long maxQueryBytes;
    private final long discardLimitBytes;
    private State state = State.HEADER;
    private long token;
    private long declared;
    private long remaining;

    public QueryFrameDecoder() {
        this(DEFAULT_MAX_QUERY_BYTES, DEFAULT_DISCARD_LIMIT_BYTES);
    }

    /** A decoder with other limits, so tests can exercise them without sending 128 MB. */
    public QueryFrameDecoder(long maxQueryBytes, long discardLimitBytes) {
        this.maxQueryBytes = maxQueryBytes;
        this.discardLimitBytes = discardLimitBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (true) {
            switch (state) {
                case HEADER -> {
                    if (in.readableBytes() < HEADER_BYTES) {
                        return;
                    }
                    token = in.readLongLE();
                    declared = in.readUnsignedIntLE();
                    remaining = declared;
                    if (declared < maxQueryBytes) {
                        state = State.BODY;
                    } else if (declared < discardLimitBytes) {
                        state = State.DISCARD;
                    } else {
                        fail(out);
                    }
                }
                case BODY -> {
                    if (in.readableBytes() < declared) {
                        return;
                    }
                    byte[] payload = new byte[(int) declared];
                    in.readBytes(payload);
                    out.add(new QueryFrame(token, payload));
                    state = State.HEADER;
                }
                case DISCARD -> {
                    long skipped = Math.min(remaining, in.readableBytes());
                    in.skipBytes((int) skipped);
                    remaining -= skipped;
                    if (remaining > 0) {
                        return;
                    }
                    fail(out);
                }
                case FAILED -> {
                    in.skipBytes(in.readableBytes());
                    return;
                }
            }
        }
    }

    private void fail(List<Object> out) {
        out.add(new OversizedQuery(token, declared));
        state = State.FAILED;
    }
}
