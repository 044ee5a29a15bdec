package io.reqldb.query.system;

import java.util.List;

/**
 * What the serving process says of itself in {@code server_status} and {@code logs}.
 *
 * @param name        the server's name ({@code --server-name})
 * @param argv        the command line it was started with
 * @param reqlPort    the client driver port it listens on
 * @param httpAdminPort the web console's port, or null when it serves none
 * @param canonical   its canonical addresses ({@code --canonical-address}, else the driver's bind addresses)
 * @param clusterPort the cluster port RethinkDB would use ({@code --cluster-port}, default 29015, plus
 *                    {@code --port-offset}); ReqlDB, a single server, does not listen on it
 * @param log         its log
 */
public record ServedProcess(String name, List<String> argv, int reqlPort, Integer httpAdminPort,
                            List<Address> canonical, int clusterPort, LogHistory log) {
    /** RethinkDB's default cluster port. */
    public static final int CLUSTER_PORT = 29015;

    public ServedProcess {
        argv = List.copyOf(argv);
        canonical = List.copyOf(canonical);
    }

    /** An engine that no {@code serve} describes (embedded, tests): RethinkDB's defaults. */
    static ServedProcess embedded(String name) {
        return new ServedProcess(name, List.of("reqldb", "serve"), 28015, null,
                List.of(new Address("127.0.0.1", CLUSTER_PORT)), CLUSTER_PORT, LogHistory.NONE);
    }

    /** One of {@code network.canonical_addresses}. */
    public record Address(String host, int port) {
    }
}
