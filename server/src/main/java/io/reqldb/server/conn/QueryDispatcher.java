package io.reqldb.server.conn;

import io.reqldb.query.QueryEngine;
import io.reqldb.query.Session;
import io.reqldb.query.error.ReqlError;
import io.reqldb.query.error.ReqlResourceLimitError;
import io.reqldb.query.limits.PoolCharge;
import io.reqldb.query.limits.QueryGuards;
import io.reqldb.query.limits.QueryLimits;
import io.reqldb.query.stats.ServerActivity;
import io.reqldb.server.wire.ErrorType;
import io.reqldb.server.wire.MalformedQueryException;
import io.reqldb.server.wire.OversizedQuery;
import io.reqldb.server.wire.Query;
import io.reqldb.server.wire.QueryFrame;
import io.reqldb.server.wire.QueryParser;
import io.reqldb.server.wire.QueryType;
import io.reqldb.server.wire.Response;
import io.reqldb.server.wire.ResponseType;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One connection's queries: takes frames in arrival order, routes each by query type, and keeps
 * the tokens whose queries are still running or have a stream open. Messages for unknown or
 * reused tokens are RethinkDB's.
 *
 * <p>A small frame that arrives while no earlier frame waits to be routed is parsed and routed on
 * the event loop, and a quick query ({@link QueryEngine#isQuick}) is even run there, answer and
 * all: for a point get, handing the frame to a worker thread and its answer back to the event
 * loop cost several times the work itself. Every other frame is parsed on a worker thread, in
 * arrival order, so that a large insert never stalls the event loop.
 */
final class QueryDispatcher {
    /** Frames up to this size may be parsed on the event loop: a few microseconds at most. */
    private static final int LOOP_PARSE_BYTES = 1024;
    /** Frames from this size on are charged to the pool while they are parsed. */
    private static final int CHARGED_PARSE_BYTES = 1 << 20;
    /**
     * The heap a frame takes while it is parsed, per byte of it: the frame itself, the parser's
     * text buffers (two bytes a character), the strings and values built from them. A 60 MB
     * string ran a 256 MB heap out while the parser turned its text into a String.
     */
    private static final int PARSE_HEAP_PER_BYTE = 4;

    private final ServerContext server;
    private final Session session;
    private final InetSocketAddress clientAddress;
    private final ResponseSink sink;
    private final SerialExecutor intake = new SerialExecutor();
    private final ConcurrentHashMap<Long, Cursor> cursors = new ConcurrentHashMap<>();
    private final NoreplyTracker noreplies = new NoreplyTracker();
    private volatile boolean closed;

    /** @param clientAddress the client's address and port; null when not known */
    QueryDispatcher(ServerContext server, Session session, InetSocketAddress clientAddress, ResponseSink sink) {
        this.server = server;
        this.session = session;
        this.clientAddress = clientAddress;
        this.sink = sink;
    }

    /**
     * Takes a frame, on the event loop; {@code frameDone} runs once it is answered (or, for
     * noreply, finished). Only the event loop queues frames, so when the intake is idle no
     * earlier frame can still be waiting, and routing this one here keeps the arrival order.
     */
    void receive(QueryFrame frame, Runnable frameDone) {
        if (frame.payload().length <= LOOP_PARSE_BYTES && intake.isIdle()) {
            route(frame, frameDone, true);
        } else {
            intake.execute(() -> route(frame, frameDone, false), server.pools().queries());
        }
    }

    /** Answers a frame over the size limit; the caller closes the connection after {@code sent}. */
    void refuse(OversizedQuery oversized, Runnable sent) {
        String message = "Query size (" + oversized.size() + ") greater than maximum ("
                + (server.maxQueryBytes() - 1) + ").";
        sink.send(Response.error(oversized.token(), ResponseType.CLIENT_ERROR, ErrorType.RESOURCE_LIMIT,
                message), sent);
    }

    /** The connection closed: stop every query and release every stream now. */
    void close() {
        closed = true;
        cursors.values().forEach(Cursor::abandon);
    }

    /** @param onLoop whether this runs on the event loop, where only quick queries may run */
    private void route(QueryFrame frame, Runnable frameDone, boolean onLoop) {
        if (closed) {
            frameDone.run();
            return;
        }
        Query query;
        try {
            query = parse(frame);
        } catch (MalformedQueryException e) {
            clientError(frame.token(), e.getMessage(), frameDone);
            return;
        } catch (ReqlResourceLimitError e) {
            answerError(frame.token(), e, frameDone);
            return;
        } catch (OutOfMemoryError e) {
            // The parse's values are garbage now: answer and carry on, as for a query's own.
            answerError(frame.token(), QueryGuards.outOfMemory(), frameDone);
            return;
        }
        switch (query.type()) {
            case START -> start(query, frameDone, onLoop);
            case CONTINUE -> {
                Cursor cursor = cursors.get(query.token());
                if (cursor == null) {
                    notInCache(query.token(), frameDone);
                } else {
                    cursor.next(frameDone);
                }
            }
            case STOP -> {
                Cursor cursor = cursors.get(query.token());
                if (cursor == null) {
                    notInCache(query.token(), frameDone);
                } else {
                    cursor.stop(frameDone);
                }
            }
            case NOREPLY_WAIT -> {
                if (cursors.containsKey(query.token())) {
                    duplicate(query.token(), frameDone);
                } else {
                    noreplies.whenAllFinished().whenComplete((ignored, error) ->
                            sink.send(Response.waitComplete(query.token()), frameDone));
                }
            }
            case SERVER_INFO -> sink.send(Response.serverInfo(query.token(), server.identity().toDatum()), frameDone);
        }
    }

    /**
     * Parses a frame, a large one with its parsing's memory taken from the pool, so that large
     * queries arriving together fail with ReqlResourceLimitError instead of exhausting the heap.
     */
    private Query parse(QueryFrame frame) {
        int length = frame.payload().length;
        if (length < CHARGED_PARSE_BYTES) {
            return QueryParser.parse(frame);
        }
        long needed = (long) PARSE_HEAP_PER_BYTE * length;
        QueryLimits limits = server.limits();
        if (needed > limits.totalBytes()) {
            throw new ReqlResourceLimitError("Query size (" + length + ") too large for the server's query "
                    + "memory: parsing it takes about `" + needed + "` bytes, over the server's limit `"
                    + limits.totalBytes() + "`.  Start the server with a larger `--query-memory`.");
        }
        try (PoolCharge charge = limits.charge()) {
            charge.growTo(needed);
            return QueryParser.parse(frame);
        }
    }

    /** Answers a query that failed before it had a term (so without a backtrace) with the error's own types. */
    private void answerError(long token, ReqlError e, Runnable frameDone) {
        sink.send(Response.error(token, ResponseType.fromCode(e.responseType()), e.errorType(), e.getMessage()),
                frameDone);
    }

    private void start(Query query, Runnable frameDone, boolean onLoop) {
        if (query.term() == null) {
            clientError(query.token(), "Server could not parse query: Expected a term in a START query.", frameDone);
            return;
        }
        Cursor cursor = new Cursor(query, this);
        if (cursors.putIfAbsent(query.token(), cursor) != null) {
            duplicate(query.token(), frameDone);
            return;
        }
        if (cursor.isNoreply()) {
            noreplies.track(cursor.finished());
        }
        if (onLoop && server.engine().isQuick(query.term(), query.optargs())) {
            cursor.startHere(frameDone);
        } else {
            cursor.start(frameDone);
        }
        if (closed) {
            // The connection closed while this query was being registered; close() missed it.
            cursor.abandon();
        }
    }

    private void notInCache(long token, Runnable frameDone) {
        clientError(token, "Token " + token + " not in stream cache.", frameDone);
    }

    private void duplicate(long token, Runnable frameDone) {
        clientError(token, "ERROR: duplicate token " + token, frameDone);
    }

    private void clientError(long token, String message, Runnable frameDone) {
        sink.send(Response.error(token, ResponseType.CLIENT_ERROR, ErrorType.QUERY_LOGIC, message), frameDone);
    }

    /** Called by a cursor as it ends, so the token may be used again. */
    void forget(long token, Cursor cursor) {
        cursors.remove(token, cursor);
    }

    QueryEngine engine() {
        return server.engine();
    }

    ServerActivity activity() {
        return server.activity();
    }

    QueryLimits limits() {
        return server.limits();
    }

    WorkerPools pools() {
        return server.pools();
    }

    Session session() {
        return session;
    }

    /** The client's address and port; null when not known. */
    InetSocketAddress clientAddress() {
        return clientAddress;
    }

    ResponseSink sink() {
        return sink;
    }
}
