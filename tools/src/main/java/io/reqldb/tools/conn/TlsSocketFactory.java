package io.reqldb.tools.conn;

import com.rethinkdb.gen.exc.ReqlDriverError;
import com.rethinkdb.net.ConnectionSocket;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Sockets for the official Java driver that work over TLS. Driver 2.4.4's own socket waits for
 * the server's handshake reply by polling {@code InputStream.available()}, which a TLS socket
 * leaves at 0 until something reads, so every TLS connection times out in the handshake
 * (rethinkdb/rethinkdb-java issue #55). These read blocking, bounded by the deadline instead.
 * Plain connections are made the same way, so one factory serves both.
 */
public final class TlsSocketFactory implements ConnectionSocket.Factory {
    public static final TlsSocketFactory INSTANCE = new TlsSocketFactory();

    private TlsSocketFactory() {
    }

    @Override
    public ConnectionSocket newSocket(String hostname, int port, SSLContext sslContext, Long timeoutMs) {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(hostname, port), timeoutMs == null ? 0 : timeoutMs.intValue());
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            if (sslContext != null) {
                SSLSocket tls = (SSLSocket) sslContext.getSocketFactory().createSocket(socket,
                        socket.getInetAddress().getHostAddress(), port, true);
                tls.setSoTimeout(timeoutMs == null ? 0 : timeoutMs.intValue());
                tls.startHandshake();
                tls.setSoTimeout(0);
                socket = tls;
            }
            return new Blocking(socket);
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Already failing; the first error is the one to report.
            }
            throw new ReqlDriverError("Connection timed out.", e);
        }
    }

    /** A connected socket read with blocking reads. */
    private static final class Blocking implements ConnectionSocket {
        private final Socket socket;
        private final DataInputStream in;
        private final OutputStream out;

        Blocking(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new DataInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        @Override
        public boolean isOpen() {
            return socket.isConnected() && !socket.isClosed();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                throw new ReqlDriverError(e);
            }
        }

        /** As the driver's own: the caller has filled the buffer, this flips and sends it. */
        @Override
        public void write(ByteBuffer buffer) {
            try {
                buffer.flip();
                out.write(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
                out.flush();
            } catch (IOException e) {
                throw new ReqlDriverError(e);
            }
        }

        @Override
        public ByteBuffer read(int size) {
            byte[] bytes = new byte[size];
            try {
                in.readFully(bytes);
            } catch (IOException e) {
                throw new ReqlDriverError(e);
            }
            return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        }

        /** The driver passes a timeout in milliseconds from now, or null for none. */
        @Override
        public String readCString(Long timeoutMs) {
            Long deadline = timeoutMs == null ? null : System.currentTimeMillis() + timeoutMs;
            StringBuilder text = new StringBuilder();
            try {
                while (true) {
                    if (deadline != null) {
                        long left = deadline - System.currentTimeMillis();
                        if (left <= 0) {
                            throw new ReqlDriverError("Connection timed out.");
                        }
                        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
                    }
                    int b = in.read();
                    if (b <= 0) {
                        return text.toString();
                    }
                    text.append((char) b);
                }
            } catch (SocketTimeoutException e) {
                throw new ReqlDriverError("Connection timed out.", e);
            } catch (IOException e) {
                throw new ReqlDriverError(e);
            } finally {
                try {
                    socket.setSoTimeout(0);
                } catch (IOException ignored) {
                    // A closed socket: the next read reports it.
                }
            }
        }
    }
}
