package io.reqldb.server.conn;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.reqldb.server.wire.ErrorType;
import io.reqldb.server.wire.Response;
import io.reqldb.server.wire.ResponseEncoder;
import io.reqldb.server.wire.ResponseType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Encodes on the calling worker thread, then hands the bytes to the channel. */
final class ChannelResponseSink implements ResponseSink {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelResponseSink.class);

    private final Channel channel;
    private final int maxFrameBytes;

    /** @param maxFrameBytes longer responses become a resource-limit error (the query memory budget) */
    ChannelResponseSink(Channel channel, int maxFrameBytes) {
        this.channel = channel;
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public void send(Response response, Runnable whenWritten) {
        ByteBuf frame;
        try {
            frame = ResponseEncoder.encode(channel.alloc(), response, maxFrameBytes);
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            // A response we cannot write would leave the client waiting forever: it gets an error
            // instead, and if even that cannot be written, the connection closes to tell it.
            LOG.warn("could not encode the response to token {}", response.token(), e);
            try {
                frame = ResponseEncoder.encode(channel.alloc(), Response.error(response.token(),
                        ResponseType.RUNTIME_ERROR, ErrorType.INTERNAL, "Unexpected exception: " + e));
            } catch (RuntimeException again) {
                channel.close();
                whenWritten.run();
                return;
            }
        }
        channel.writeAndFlush(frame).addListener(f -> {
            if (!f.isSuccess()) {
                LOG.debug("response to token {} not written: {}", response.token(), f.cause().toString());
            }
            whenWritten.run();
        });
    }
}
