package io.reqldb.tools.conn;

import com.rethinkdb.ast.Query;
import com.rethinkdb.ast.ReqlAst;
import com.rethinkdb.gen.ast.ReqlExpr;
import com.rethinkdb.gen.exc.ReqlDriverError;
import com.rethinkdb.gen.exc.ReqlError;
import com.rethinkdb.gen.proto.QueryType;
import com.rethinkdb.model.OptArgs;
import com.rethinkdb.net.Connection;
import com.rethinkdb.net.Result;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletionException;

/**
 * A connection that runs queries carrying a batch of rows already written as UTF-8 JSON
 * ({@link io.reqldb.tools.format.WireRows}). The driver writes every query to a String and
 * encodes that: for a restore's batches of ~170 KB that meant decoding the rows to characters,
 * copying them into the query's String and encoding them again, a sixth of {@code restore}'s CPU
 * time (JFR, 2026-12-07). Here the driver writes the query with a marker where the rows go, a
 * few hundred bytes, and the rows' bytes are put in its place; what goes on the wire is the same.
 */
public final class RowsConnection extends Connection {
    /** Stands for the rows in the driver's text of the query: no database or table name holds '@'. */
    private static final String MARKER = "@rows@";
    private static final byte[] MARKER_BYTES = MARKER.getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER_BYTES = 12;

    /** The term to put where the rows go in a query given to {@link #run}. */
    public static final ReqlExpr ROWS = new WireText(MARKER);

    RowsConnection(Connection.Builder builder) {
        super(builder);
        connect();
    }

    /**
     * Runs {@code term}, in which {@link #ROWS} stands for {@code rows}, as {@code term.run(this)}
     * would run it with the rows in place.
     *
     * @throws ReqlError the server's error, or a driver error when the connection dropped
     */
    public Result<Object> run(ReqlAst term, byte[] rows) {
        OptArgs options = new OptArgs();
        handleOptArgs(options);
        Query query = new RowsQuery(nextToken.incrementAndGet(), term, options, rows);
        try {
            return this.<Object>runQuery(query, null, null, null).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ReqlError error) {
                throw error;
            }
            throw new ReqlDriverError(e.getCause());
        }
    }

    /** A START query whose text is the driver's with the rows' bytes in place of the marker. */
    private static final class RowsQuery extends Query {
        private final byte[] rows;

        RowsQuery(long token, ReqlAst term, OptArgs options, byte[] rows) {
            super(QueryType.START, token, term, options);
            this.rows = rows;
        }

        @Override
        public ByteBuffer serialize() {
            byte[] text = super.serialize().array();
            int at = indexOf(text, MARKER_BYTES);
            if (at < 0) {
                throw new IllegalArgumentException("the query has no RowsConnection.ROWS term");
            }
            int after = at + MARKER_BYTES.length;
            int length = text.length - HEADER_BYTES - MARKER_BYTES.length + rows.length;
            return ByteBuffer.allocate(HEADER_BYTES + length).order(ByteOrder.LITTLE_ENDIAN)
                    .putLong(token).putInt(length)
                    .put(text, HEADER_BYTES, at - HEADER_BYTES).put(rows).put(text, after, text.length - after);
        }

        private static int indexOf(byte[] text, byte[] part) {
            for (int i = HEADER_BYTES; i + part.length <= text.length; i++) {
                if (Arrays.equals(text, i, i + part.length, part, 0, part.length)) {
                    return i;
                }
            }
            return -1;
        }
    }
}
