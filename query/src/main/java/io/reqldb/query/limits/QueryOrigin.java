package io.reqldb.query.limits;

import io.reqldb.datum.Datum;
import io.reqldb.query.Session;
import java.net.InetSocketAddress;

/**
 * Who runs a query and what it is, kept with the query's {@link QueryControl} so that running
 * queries can be listed (RethinkDB's {@code rethinkdb.jobs} rows: client address and port, user,
 * the query).
 *
 * @param session the connection and user the query came from
 * @param client  the client's address and port; null when not known
 * @param token   the query's token on its connection
 * @param term    the query's term as the client sent it
 */
public record QueryOrigin(Session session, InetSocketAddress client, long token, Datum term) {
}
