package io.reqldb.server.conn;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.reqldb.query.error.ReqlError;
import io.reqldb.query.limits.PoolCharge;
import io.reqldb.query.limits.QueryLimits;
import io.reqldb.server.wire.ErrorType;
import io.reqldb.server.wire.Response;
import io.reqldb.server.wire.ResponseEncoder;
import io.reqldb.server.wire.ResponseType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A response encoded for sending, whose bytes are held from the server's query memory pool
 * ({@link PoolCharge}) until {@link #sent}: a response that would take the pool past its limit
 * becomes RethinkDB's resource-limit error instead.
 */
final class AnswerFrame {
    private static final Logger LOG = LoggerFactory.getLogger(AnswerFrame.class);

    private final ByteBuf bytes;
    private final boolean asGiven;
    private final PoolCharge charge;

    private AnswerFrame(ByteBuf bytes, boolean asGiven, PoolCharge charge) {
        this.bytes = bytes;
        this.asGiven = asGiven;
        this.charge = charge;
    }

    /**
     * Encodes {@code response} in at most a query's budget, charged to the pool. A response that
     * cannot be encoded becomes an error (then {@link #asGiven} is false); null when even that
     * cannot be encoded, and the connection must be closed to tell the client.
     */
    static AnswerFrame encode(ByteBufAllocator alloc, Response response, QueryLimits limits) {
        int maxFrameBytes = (int) Math.min(Integer.MAX_VALUE - 64, limits.perQueryBytes());
        PoolCharge charge = limits.charge();
        try {
            return new AnswerFrame(ResponseEncoder.encode(alloc, response, maxFrameBytes, charge::growTo), true, charge);
        } catch (ReqlError e) {
            // The pool is full: the client learns it, and its small message is not charged.
            charge.close();
            return new AnswerFrame(ResponseEncoder.encode(alloc, Response.error(response.token(),
                    ResponseType.fromCode(e.responseType()), e.errorType(), e.getMessage())), false, charge);
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            // A response we cannot write would leave the client waiting forever: it gets an error
            // instead, and if even that cannot be written, the connection closes to tell it.
            charge.close();
            LOG.warn("could not encode the response to token {}", response.token(), e);
            try {
                return new AnswerFrame(ResponseEncoder.encode(alloc, Response.error(response.token(),
                        ResponseType.RUNTIME_ERROR, ErrorType.INTERNAL, "Unexpected exception: " + e)), false, charge);
            } catch (RuntimeException again) {
                return null;
            }
        }
    }

    /** The frame's bytes; writing them hands them to the channel, which releases them. */
    ByteBuf bytes() {
        return bytes;
    }

    /** False when an error replaced the response. */
    boolean asGiven() {
        return asGiven;
    }

    /** The frame has been written or dropped: its bytes go back to the pool. */
    void sent() {
        charge.close();
    }
}
