package io.reqldb.console;

import com.sun.net.httpserver.HttpServer;
import io.reqldb.server.ReqlServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web console on its HTTP port: the pages, sign-in, and the query endpoint, whose queries
 * run in {@code server}'s own engine as the signed-in user. A client of the server: nothing in
 * the server knows of it. Closing signs everyone out (stopping their feeds) and stops listening.
 */
public final class ConsoleServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
    /** Requests served at once; a changefeed's request waits for changes, holding one. */
    private static final int THREADS = 128;
    private static final int MAX_QUERY_BYTES = 64 << 20;

    private final ConsoleSessions sessions;
    private final ApiHandler api;
    private final StaticPages pages = new StaticPages();
    private final List<HttpServer> listeners = new ArrayList<>();
    private ExecutorService executor;

    /** @param tools how to run the toolkit's commands for the Backups page; null to offer none */
    public ConsoleServer(ReqlServer server, ServerFacts facts, ToolLauncher tools) {
        this(server, facts, tools, System::nanoTime);
    }

    /** @param nanoClock the monotonic clock sign-in waits are measured on (tests stop it) */
    ConsoleServer(ReqlServer server, ServerFacts facts, ToolLauncher tools, LongSupplier nanoClock) {
        this.sessions = new ConsoleSessions(server.users(), server::connectLocal);
        this.api = new ApiHandler(sessions, new SignInThrottle(nanoClock), facts, new JobsApi(tools), MAX_QUERY_BYTES);
    }

    /** Listens on every address at {@code port} (0: a free one, shared by all addresses). */
    public synchronized ConsoleServer start(List<InetAddress> addresses, int port) throws IOException {
        AtomicInteger threadNumber = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "console-http-" + threadNumber.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        executor = pool;
        try {
            for (InetAddress address : addresses) {
                HttpServer http = HttpServer.create(new InetSocketAddress(address, port), 64);
                http.createContext("/api/", api);
                http.createContext("/", pages);
                http.setExecutor(executor);
                http.start();
                listeners.add(http);
                port = http.getAddress().getPort();
                LOG.info("Listening for web console connections on {} port {}", address.getHostAddress(), port);
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    public synchronized int port() {
        if (listeners.isEmpty()) {
            throw new IllegalStateException("not started");
        }
        return listeners.get(0).getAddress().getPort();
    }

    @Override
    public synchronized void close() {
        sessions.close();
        listeners.forEach(h -> h.stop(0));
        listeners.clear();
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
