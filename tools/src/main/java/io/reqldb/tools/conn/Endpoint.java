package io.reqldb.tools.conn;

import static com.rethinkdb.RethinkDB.r;

import com.rethinkdb.gen.exc.ReqlError;
import com.rethinkdb.net.Connection;
import com.rethinkdb.net.ResponsePump;
import com.rethinkdb.net.Result;
import io.reqldb.tools.ToolException;
import java.nio.file.Path;
import java.util.function.Function;

/** Where and as whom to connect; opens one connection per worker thread. */
public record Endpoint(String host, int port, String user, String password, Path tlsCert) {
    /** The official tools' connect timeout. */
    private static final long CONNECT_TIMEOUT_MS = 20_000;

    /**
     * Opens a connection. Cursors fetch the next batch when half of the current one is consumed,
     * so a streaming read holds about one server batch in memory, never a whole table.
     *
     * @throws ToolException (exit 2) "Unable to connect to server: ..." on any failure
     */
    public Connection connect() {
        return open(null);
    }

    /**
     * Opens a connection whose SUCCESS_ATOM answers arrive unparsed, as one {@link RawJson}
     * value (errors and other responses are parsed as usual); for bulk reads of whole pages.
     */
    public Connection connectRaw() {
        return open(RawAtomPump.FACTORY);
    }

    /**
     * Opens a connection for one changefeed, read one CONTINUE at a time by its caller's thread
     * (see {@link FeedConnection} for why not through the driver's cursor).
     */
    public FeedConnection connectFeed() {
        return (FeedConnection) open(null, FeedConnection::new);
    }

    /**
     * Opens a connection for inserting batches of rows given as UTF-8 JSON (see
     * {@link RowsConnection}).
     */
    public RowsConnection connectRows() {
        return (RowsConnection) open(null, RowsConnection::new);
    }

    private Connection open(ResponsePump.Factory pump) {
        return open(pump, Connection.Builder::connect);
    }

    private Connection open(ResponsePump.Factory pump, Function<Connection.Builder, Connection> connector) {
        try {
            Connection.Builder builder = r.connection()
                    .pumpFactory(pump)
                    .hostname(host)
                    .port(port)
                    .user(user, password)
                    .timeout(CONNECT_TIMEOUT_MS)
                    .defaultFetchMode(Result.FetchMode.PREEMPTIVE_HALF);
            if (tlsCert != null) {
                builder.certFile(tlsCert.toFile()).socketFactory(TlsSocketFactory.INSTANCE);
            }
            return connector.apply(builder);
        } catch (ReqlError | IllegalStateException e) {
            throw ToolException.usage("Unable to connect to server: " + Errors.connectFailure(address(), e));
        }
    }

    /** {@code host:port}, for messages. */
    public String address() {
        return host + ":" + port;
    }
}
