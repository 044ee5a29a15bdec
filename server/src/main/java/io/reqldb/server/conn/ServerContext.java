package io.reqldb.server.conn;

import io.reqldb.query.QueryEngine;
import io.reqldb.query.limits.QueryLimits;
import io.reqldb.query.stats.ServerActivity;
import io.reqldb.server.auth.UserStore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every connection of one server shares.
 *
 * @param engine                   evaluates START queries
 * @param users                    checks the handshake's credentials
 * @param pools                    where queries run
 * @param identity                 what SERVER_INFO answers
 * @param serverVersion            the version the handshake announces (RethinkDB's, for drivers' sake)
 * @param maxQueryBytes            frames this long or longer are refused and the connection closed
 * @param maxQueriesPerConnection  frames a connection may have unanswered before it stops reading
 * @param connectionIds            numbers connections for {@link io.reqldb.query.Session}
 * @param limits                   makes each query's control: cancellation and memory budget
 * @param activity                 counts connections, queries and their latency
 */
public record ServerContext(QueryEngine engine, UserStore users, WorkerPools pools,
                            ServerIdentity identity, String serverVersion, long maxQueryBytes,
                            int maxQueriesPerConnection, AtomicLong connectionIds,
                            QueryLimits limits, ServerActivity activity) {
}
