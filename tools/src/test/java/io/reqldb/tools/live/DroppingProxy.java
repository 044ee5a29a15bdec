package io.reqldb.tools.live;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy in front of a server that drops one connection, once: the first whose
 * traffic in one direction passes {@code cutAfterBytes}. So a client sees a real dropped
 * connection in the middle of a large read (or write), and whatever it reconnects with goes
 * through. {@link #cutAll()} drops every connection open at that moment, on demand.
 */
final class DroppingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final String host;
    private final int port;
    private final long cutAfterBytes;
    private final boolean cutWhileReading;
    private final AtomicBoolean cut = new AtomicBoolean();
    private final AtomicInteger connections = new AtomicInteger();
    private final java.util.Set<Socket> open = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** {@code cutWhileReading}: count what the server sends, else what the client sends. */
    DroppingProxy(String host, int port, long cutAfterBytes, boolean cutWhileReading) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.host = host;
        this.port = port;
        this.cutAfterBytes = cutAfterBytes;
        this.cutWhileReading = cutWhileReading;
        daemon(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** True once a connection has been dropped. */
    boolean hasCut() {
        return cut.get();
    }

    /** Connections accepted so far. */
    int connections() {
        return connections.get();
    }

    private void accept() {
        try {
            while (true) {
                Socket client = listener.accept();
                Socket server = new Socket(host, port);
                connections.incrementAndGet();
                open.add(client);
                open.add(server);
                daemon(() -> pipe(client, server, !cutWhileReading));
                daemon(() -> pipe(server, client, cutWhileReading));
            }
        } catch (IOException e) {
            // Closed.
        }
    }

    private void pipe(Socket from, Socket to, boolean mayCut) {
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                total += n;
                if (mayCut && total > cutAfterBytes && cut.compareAndSet(false, true)) {
                    break;
                }
            }
        } catch (IOException e) {
            // The other side is gone.
        } finally {
            close(from);
            close(to);
            open.remove(from);
            open.remove(to);
        }
    }

    /** Drops every connection open now (new ones still go through). */
    void cutAll() {
        cut.set(true);
        open.forEach(DroppingProxy::close);
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }

    private static void daemon(Runnable body) {
        Thread thread = new Thread(body, "dropping-proxy");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
