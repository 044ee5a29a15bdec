package io.reqldb.tools.conn;

import com.rethinkdb.ast.Query;
import com.rethinkdb.ast.ReqlAst;
import com.rethinkdb.gen.exc.ReqlDriverError;
import com.rethinkdb.gen.exc.ReqlError;
import com.rethinkdb.gen.proto.ResponseType;
import com.rethinkdb.model.OptArgs;
import com.rethinkdb.net.Connection;
import com.rethinkdb.net.Response;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A connection that runs one changefeed and reads it batch by batch from one thread, sending
 * each CONTINUE only after the previous answer was taken. Not the driver's cursor: in driver
 * 2.4.4 the answer to a CONTINUE is handled on a pool thread, and when it is handled before the
 * thread that sent that CONTINUE has recorded its own batch, the older batch is recorded last,
 * its CONTINUE counts as already sent, and none is ever sent again. The feed then goes silent
 * while its connection stays open (seen in one of four runs of bench's {@code SyncLoad} with
 * 1M rows on a loaded machine: the source's deletes stopped reaching the target).
 */
public final class FeedConnection extends Connection {
    private Query query;
    private CompletableFuture<Response> pending;

    FeedConnection(Connection.Builder builder) {
        super(builder);
        connect();
    }

    /**
     * Starts {@code term} and returns the rows of its first answer.
     *
     * @throws ReqlError the server's error, or a driver error when the connection dropped
     */
    public List<Object> start(ReqlAst term, OptArgs options) {
        handleOptArgs(options);
        query = Query.createStart(nextToken.incrementAndGet(), term, options);
        return rows(await(sendQuery(query)));
    }

    /**
     * The rows of the next batch, or null when none came within {@code timeoutMs} (ask again:
     * the same CONTINUE stays outstanding).
     *
     * @throws ReqlError the server's error (the feed ended), or a driver error when the
     *                   connection dropped or the server ended the feed
     */
    public List<Object> next(long timeoutMs) {
        if (pending == null) {
            pending = sendContinue(query.token);
        }
        Response response;
        try {
            response = pending.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException quiet) {
            if (!isOpen()) {
                throw new ReqlDriverError("Connection is closed.");
            }
            return null;
        } catch (ExecutionException | InterruptedException e) {
            throw dropped(e);
        }
        pending = null;
        return rows(response);
    }

    private List<Object> rows(Response response) {
        if (response.type == ResponseType.SUCCESS_PARTIAL) {
            return response.data;
        }
        if (response.type == ResponseType.SUCCESS_SEQUENCE || response.type == ResponseType.SUCCESS_ATOM) {
            throw new ReqlDriverError("The server ended the changefeed.");
        }
        throw response.makeError(query);
    }

    private static Response await(CompletableFuture<Response> answer) {
        try {
            return answer.get();
        } catch (ExecutionException | InterruptedException e) {
            throw dropped(e);
        }
    }

    private static RuntimeException dropped(Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
        return cause instanceof ReqlError error ? error
                : new ReqlDriverError("Connection dropped: " + cause, cause);
    }
}
