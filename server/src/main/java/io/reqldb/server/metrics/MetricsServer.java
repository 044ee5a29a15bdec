package io.reqldb.server.metrics;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The metrics endpoint's HTTP server: one event loop thread (a scrape every few seconds needs no
 * more), requests up to 64 KB, every address on the same port.
 */
public final class MetricsServer implements AutoCloseable {
    private static final int MAX_REQUEST_BYTES = 64 * 1024;

    private final EventLoopGroup loop = new NioEventLoopGroup(1);
    private final List<Channel> listeners = new ArrayList<>();

    /**
     * Listens on {@code port} (0: any free one) of each address.
     *
     * @param token the bearer token every request must carry, or null to ask for none
     * @throws Exception Netty's, e.g. a {@link java.net.BindException}; nothing is left listening then
     */
    public MetricsServer(List<InetAddress> addresses, int port, String token, Supplier<String> metrics)
            throws Exception {
        BearerToken required = token == null ? null : new BearerToken(token);
        ServerBootstrap bootstrap = new ServerBootstrap().group(loop).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_REQUEST_BYTES),
                                new MetricsHandler(required, metrics));
                    }
                });
        try {
            for (InetAddress address : addresses) {
                Channel ch = bootstrap.bind(address, port).sync().channel();
                listeners.add(ch);
                port = ((InetSocketAddress) ch.localAddress()).getPort();
            }
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /** The port it listens on (the chosen one when given 0). */
    public int port() {
        return ((InetSocketAddress) listeners.get(0).localAddress()).getPort();
    }

    @Override
    public void close() {
        for (Channel ch : listeners) {
            ch.close().syncUninterruptibly();
        }
        loop.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
