package io.reqldb.server.conn;

import io.netty.channel.Channel;
import io.reqldb.query.limits.QueryLimits;
import io.reqldb.server.wire.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Encodes on the calling worker thread, then hands the bytes to the channel. */
final class ChannelResponseSink implements ResponseSink {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelResponseSink.class);

    private final Channel channel;
    private final QueryLimits limits;

    /** @param limits the pool the frames are charged to until written, and each query's budget (most bytes per frame) */
    ChannelResponseSink(Channel channel, QueryLimits limits) {
        this.channel = channel;
        this.limits = limits;
    }

    @Override
    public boolean send(Response response, Runnable whenWritten) {
        AnswerFrame frame = AnswerFrame.encode(channel.alloc(), response, limits);
        if (frame == null) {
            channel.close();
            whenWritten.run();
            return false;
        }
        channel.writeAndFlush(frame.bytes()).addListener(f -> {
            frame.sent();
            if (!f.isSuccess()) {
                LOG.debug("response to token {} not written: {}", response.token(), f.cause().toString());
            }
            whenWritten.run();
        });
        return frame.asGiven();
    }
}
