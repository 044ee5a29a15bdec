package io.reqldb.server;

import io.reqldb.query.limits.QueryLimits;
import io.reqldb.query.stats.ServerActivity;
import io.reqldb.server.conn.ServerIdentity;
import io.reqldb.server.tls.DriverTls;
import io.reqldb.server.wire.QueryFrameDecoder;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * How a {@link ReqlServer} listens and runs queries. Build one with {@link #builder()}; every
 * setting has RethinkDB's default.
 *
 * @param bindAddresses           addresses to listen on (default: loopback only, as RethinkDB)
 * @param driverPort              the client driver port, 0 for any free port (default 28015)
 * @param identity                what SERVER_INFO reports
 * @param serverVersion           the version announced in the handshake (default "2.4.4")
 * @param queryThreads            threads evaluating queries (default: 4 per core, at least 8)
 * @param feedThreads             threads reading changefeed batches (default as queryThreads): an idle
 *                                feed holds none, a busy one for the few milliseconds it gathers a batch
 * @param maxQueryBytes           frames this long or longer are refused (default 128 MB)
 * @param maxQueriesPerConnection unanswered frames after which a connection stops being read
 *                                (default 1024, as RethinkDB)
 * @param tls                     TLS on the driver port, or null for plain TCP (the default)
 * @param queryMemoryBytes        most memory one query may materialise (default: 40% of the heap)
 * @param activity                where connections and queries are counted (default: a new one;
 *                                {@code serve} gives the one {@code rethinkdb.stats} reads)
 */
public record ServerConfig(List<InetAddress> bindAddresses, int driverPort, ServerIdentity identity,
                           String serverVersion, int queryThreads, int feedThreads,
                           long maxQueryBytes, int maxQueriesPerConnection, DriverTls tls,
                           long queryMemoryBytes, ServerActivity activity) {

    public static final int DEFAULT_DRIVER_PORT = 28015;
    /** The RethinkDB release whose protocol and behaviour this server follows. */
    public static final String RETHINKDB_VERSION = "2.4.4";

    public ServerConfig {
        bindAddresses = List.copyOf(bindAddresses);
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(activity, "activity");
        if (bindAddresses.isEmpty()) {
            throw new IllegalArgumentException("bindAddresses is empty: the server would listen nowhere");
        }
        if (driverPort < 0 || driverPort > 65535) {
            throw new IllegalArgumentException("driverPort must be 0..65535, got " + driverPort);
        }
        if (queryThreads < 1 || feedThreads < 1 || maxQueriesPerConnection < 1 || maxQueryBytes < 1
                || queryMemoryBytes < 1) {
            throw new IllegalArgumentException("thread counts and limits must be positive");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Mutable builder; unset fields take RethinkDB's defaults. */
    public static final class Builder {
        private List<InetAddress> bindAddresses = List.of(InetAddress.getLoopbackAddress());
        private int driverPort = DEFAULT_DRIVER_PORT;
        private ServerIdentity identity = new ServerIdentity(UUID.randomUUID(), "reqldb");
        private String serverVersion = RETHINKDB_VERSION;
        private int queryThreads = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
        private int feedThreads = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
        private long maxQueryBytes = QueryFrameDecoder.DEFAULT_MAX_QUERY_BYTES;
        private int maxQueriesPerConnection = 1024;
        private DriverTls tls;
        private long queryMemoryBytes = QueryLimits.defaultQueryBytes();
        private ServerActivity activity = new ServerActivity();

        public Builder bindAddresses(List<InetAddress> addresses) {
            this.bindAddresses = addresses;
            return this;
        }

        public Builder driverPort(int port) {
            this.driverPort = port;
            return this;
        }

        public Builder identity(ServerIdentity identity) {
            this.identity = identity;
            return this;
        }

        public Builder serverVersion(String version) {
            this.serverVersion = version;
            return this;
        }

        public Builder queryThreads(int threads) {
            this.queryThreads = threads;
            return this;
        }

        public Builder feedThreads(int threads) {
            this.feedThreads = threads;
            return this;
        }

        public Builder maxQueryBytes(long bytes) {
            this.maxQueryBytes = bytes;
            return this;
        }

        public Builder maxQueriesPerConnection(int queries) {
            this.maxQueriesPerConnection = queries;
            return this;
        }

        public Builder tls(DriverTls tls) {
            this.tls = tls;
            return this;
        }

        public Builder queryMemoryBytes(long bytes) {
            this.queryMemoryBytes = bytes;
            return this;
        }

        public Builder activity(ServerActivity activity) {
            this.activity = activity;
            return this;
        }

        public ServerConfig build() {
            return new ServerConfig(bindAddresses, driverPort, identity, serverVersion, queryThreads,
                    feedThreads, maxQueryBytes, maxQueriesPerConnection, tls, queryMemoryBytes, activity);
        }
    }
}
