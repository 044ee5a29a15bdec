package io.reqldb.server.conn;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.reqldb.query.Session;
import io.reqldb.server.wire.OversizedQuery;
import io.reqldb.server.wire.QueryFrame;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty end of an authenticated connection: hands frames to its {@link QueryDispatcher},
 * stops reading while too many are unanswered (as RethinkDB stops reading past 1024 queries in
 * flight), and releases everything when the connection goes away.
 */
public final class ConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionHandler.class);

    private final ServerContext server;
    private final Session session;
    private final AtomicInteger inFlight = new AtomicInteger();
    private QueryDispatcher dispatcher;
    private Channel channel;

    public ConnectionHandler(ServerContext server, String user) {
        this.server = server;
        this.session = new Session(user, server.connectionIds().incrementAndGet());
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        InetSocketAddress client = channel.remoteAddress() instanceof InetSocketAddress a ? a : null;
        dispatcher = new QueryDispatcher(server, session, client, new ChannelResponseSink(channel, server.limits()));
        server.activity().connectionOpened();
        LOG.debug("connection {} from {} authenticated as {}", session.connectionId(),
                channel.remoteAddress(), session.user());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof QueryFrame frame) {
            int unanswered = inFlight.incrementAndGet();
            if (unanswered == 1) {
                server.activity().clientActive(1);
            }
            if (unanswered >= server.maxQueriesPerConnection()) {
                channel.config().setAutoRead(false);
            }
            dispatcher.receive(frame, this::frameDone);
        } else if (msg instanceof OversizedQuery oversized) {
            LOG.debug("connection {}: query of {} bytes refused, closing", session.connectionId(), oversized.size());
            dispatcher.refuse(oversized, () -> channel.close());
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void frameDone() {
        int unanswered = inFlight.decrementAndGet();
        if (unanswered == 0) {
            server.activity().clientActive(-1);
        }
        if (unanswered < server.maxQueriesPerConnection() && !channel.config().isAutoRead()) {
            channel.eventLoop().execute(() -> {
                if (inFlight.get() < server.maxQueriesPerConnection()) {
                    channel.config().setAutoRead(true);
                }
            });
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        LOG.debug("connection {} closed", session.connectionId());
        server.activity().connectionClosed();
        dispatcher.close();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Resets and the like: the client is gone, and channelInactive cleans up.
        LOG.debug("connection {}: {}", session.connectionId(), cause.toString());
        ctx.close();
    }
}
