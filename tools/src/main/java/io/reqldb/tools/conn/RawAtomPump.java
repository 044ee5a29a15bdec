package io.reqldb.tools.conn;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.rethinkdb.gen.exc.ReqlDriverError;
import com.rethinkdb.gen.proto.ResponseType;
import com.rethinkdb.net.ConnectionSocket;
import com.rethinkdb.net.Response;
import com.rethinkdb.net.ResponsePump;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A response pump (the driver's extension point for reading responses) that hands every
 * SUCCESS_ATOM response over unparsed, as one {@link RawJson} datum; other responses (errors
 * above all) are parsed by the driver as usual. Bulk reads thus skip the driver's maps and its
 * pseudo-type copy of every row, and the caller streams the rows straight out of the bytes.
 * Used only on connections that run queries meant for it (see {@link Endpoint#connectRaw()}).
 */
final class RawAtomPump implements ResponsePump {
    /** Makes one pump per connection. */
    static final ResponsePump.Factory FACTORY = RawAtomPump::new;

    private static final JsonFactory JSON = new JsonFactory();
    private static final int HEADER_BYTES = 12;

    private final Map<Long, CompletableFuture<Response>> awaiting = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile Throwable shutdownReason;

    private RawAtomPump(ConnectionSocket socket, boolean daemon) {
        thread = new Thread(() -> pump(socket), "reqldb-raw-pump");
        thread.setDaemon(daemon);
        thread.start();
    }

    private void pump(ConnectionSocket socket) {
        try {
            while (shutdownReason == null) {
                if (!socket.isOpen()) {
                    throw new IOException("Socket closed, exiting response pump.");
                }
                ByteBuffer header = socket.read(HEADER_BYTES);
                long token = header.getLong();
                ByteBuffer body = socket.read(header.getInt());
                Response response = responseType(body) == ResponseType.SUCCESS_ATOM.value
                        ? new Response(token, ResponseType.SUCCESS_ATOM,
                                List.of(new RawJson(body.array(), body.arrayOffset(), body.remaining())), List.of(),
                                null, null, null)
                        : Response.readFromSocket(new ReplaySocket(header.rewind(), body)).get();
                CompletableFuture<Response> waiter = awaiting.remove(token);
                if (waiter != null) {
                    waiter.complete(response);
                }
            }
        } catch (Throwable t) {
            shutdown(t);
        }
    }

    /** The {@code t} field; the servers write it first, so this reads a few bytes only. */
    private static int responseType(ByteBuffer body) throws IOException {
        try (JsonParser p = JSON.createParser(body.array(), body.arrayOffset(), body.remaining())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("response is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                boolean isType = "t".equals(p.currentName());
                p.nextToken();
                if (isType) {
                    return p.getIntValue();
                }
                p.skipChildren();
            }
            throw new IOException("response without a type");
        }
    }

    @Override
    public CompletableFuture<Response> await(long token) {
        Throwable reason = shutdownReason;
        if (reason != null) {
            throw new ReqlDriverError("Response pump closed.", reason);
        }
        CompletableFuture<Response> future = new CompletableFuture<>();
        awaiting.put(token, future);
        if (shutdownReason != null) {
            // Shut down between the check and the put: nothing will complete it.
            future.completeExceptionally(new ReqlDriverError("Response pump closed.", shutdownReason));
        }
        return future;
    }

    @Override
    public boolean isAlive() {
        return thread.isAlive();
    }

    private void shutdown(Throwable t) {
        if (shutdownReason == null) {
            shutdownReason = t;
        }
        ReqlDriverError error = t instanceof ReqlDriverError driver ? driver : new ReqlDriverError(t);
        awaiting.values().forEach(future -> future.completeExceptionally(error));
        awaiting.clear();
    }

    @Override
    public void shutdownPump() {
        shutdown(new Throwable("Shutdown was requested."));
        thread.interrupt();
    }

    /** Serves one already-read frame to the driver's own response parser. */
    private record ReplaySocket(ByteBuffer header, ByteBuffer body) implements ConnectionSocket {
        @Override
        public ByteBuffer read(int length) {
            return (length == HEADER_BYTES && header.remaining() == HEADER_BYTES ? header : body)
                    .order(ByteOrder.LITTLE_ENDIAN);
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }

        @Override
        public void write(ByteBuffer buffer) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String readCString(Long timeoutMs) {
            throw new UnsupportedOperationException();
        }
    }
}
