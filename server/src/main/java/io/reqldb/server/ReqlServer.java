package io.reqldb.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.reqldb.datum.DeepStackThreads;
import io.reqldb.query.QueryEngine;
import io.reqldb.query.limits.QueryLimits;
import io.reqldb.server.auth.UserStore;
import io.reqldb.server.conn.HandshakeHandler;
import io.reqldb.server.conn.LocalConnection;
import io.reqldb.server.conn.ServerContext;
import io.reqldb.server.conn.WorkerPools;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client driver port: accepts connections, runs the handshake, and serves queries with the
 * given engine. Typical use, also in tests:
 *
 * <pre>{@code
 * try (ReqlServer server = new ReqlServer(ServerConfig.builder().driverPort(0).build(),
 *         engine, InMemoryUserStore.withAdmin(""))) {
 *     server.start();
 *     int port = server.port();   // connect drivers to 127.0.0.1:port
 * }
 * }</pre>
 *
 * Closing stops listening, closes every connection (releasing their cursors) and stops the
 * worker threads. A closed server cannot be started again. The engine and the storage behind it belong to the caller.
 */
public final class ReqlServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReqlServer.class);

    private final ServerConfig config;
    private final ServerContext context;
    private final WorkerPools pools;
    private final List<Channel> listeners = new ArrayList<>();
    /** Every open client connection, so closing the server can close them first. */
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private EventLoopGroup acceptors;
    private EventLoopGroup workers;

    public ReqlServer(ServerConfig config, QueryEngine engine, UserStore users) {
        this.config = config;
        this.pools = new WorkerPools(config.queryThreads(), config.feedThreads());
        this.context = new ServerContext(engine, users, pools, config.identity(), config.serverVersion(),
                config.maxQueryBytes(), config.maxQueriesPerConnection(), new AtomicLong(),
                QueryLimits.withQueryBudget(config.queryMemoryBytes()), config.activity());
    }

    /**
     * Event-loop threads with the query workers' deep stacks: quick queries run on the event loop
     * (see {@code QueryDispatcher}), and the document a point get returns may nest as deep as any
     * stored value. Netty's own thread class, so its thread-locals stay on their fast path.
     */
    private static ThreadFactory deepStackEventLoops() {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread t = new FastThreadLocalThread(null, task, "reqldb-io-" + n.incrementAndGet(),
                    DeepStackThreads.STACK_BYTES);
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Binds every configured address and starts accepting connections.
     *
     * @throws InterruptedException when interrupted while binding; an address that cannot be
     *         bound fails with Netty's exception (e.g. a {@link java.net.BindException}), and in
     *         either case the server is closed first
     */
    public synchronized ReqlServer start() throws InterruptedException {
        if (acceptors != null) {
            throw new IllegalStateException("already started");
        }
        acceptors = new NioEventLoopGroup(1);
        workers = new NioEventLoopGroup(0, deepStackEventLoops());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptors, workers)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        if (config.tls() != null) {
                            ch.pipeline().addLast("tls", config.tls().newHandler());
                        }
                        ch.pipeline().addLast("handshake", new HandshakeHandler(context));
                    }
                });
        try {
            int port = config.driverPort();
            for (InetAddress address : config.bindAddresses()) {
                Channel ch = bootstrap.bind(address, port).sync().channel();
                listeners.add(ch);
                // With port 0 the first bind picks a free port; the other addresses share it.
                port = ((InetSocketAddress) ch.localAddress()).getPort();
            }
            LOG.info("Listening for client driver connections on port {}", port);
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
        return this;
    }

    /** Each query's control and what the controls did: running queries, cancelled ones, memory held. */
    public QueryLimits queryLimits() {
        return context.limits();
    }

    /** The port the server listens on (the chosen one when configured with 0). */
    public synchronized int port() {
        if (listeners.isEmpty()) {
            throw new IllegalStateException("not started");
        }
        return ((InetSocketAddress) listeners.get(0).localAddress()).getPort();
    }

    /** The users the handshake checks, for other ways in (the web console's sign-in). */
    public UserStore users() {
        return context.users();
    }

    /**
     * A connection from inside this process as {@code user}, already authenticated by the caller:
     * its queries run like a driver connection's, with that user's permissions.
     */
    public LocalConnection connectLocal(String user, LocalConnection.Responses responses) {
        return new LocalConnection(context, user, responses);
    }

    @Override
    public synchronized void close() {
        for (Channel ch : listeners) {
            ch.close().syncUninterruptibly();
        }
        listeners.clear();
        // Order matters: connections first (their cursors queue the steps that close streams),
        // then the workers (which run those steps and finish writing), then the event loops
        // the workers' last writes still go through.
        connections.close().awaitUninterruptibly();
        pools.close();
        if (workers != null) {
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
