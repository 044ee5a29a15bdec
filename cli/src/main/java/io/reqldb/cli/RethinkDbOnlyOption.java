package io.reqldb.cli;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * RethinkDB 2.4's {@code serve} options that a single ReqlDB server does not use. So that an
 * operator's existing command lines and {@code instances.d/*.conf} files work unchanged, each is
 * parsed like RethinkDB's: those that mean nothing here are accepted with a one-line note, and
 * those whose absence would change what the server does ({@code --join},
 * {@code --reql-http-proxy}) refuse the start.
 */
enum RethinkDbOnlyOption {
    CORES(Arity.VALUE, false, "ReqlDB sizes its threads from the processors the JVM sees "
            + "(JAVA_OPTS=-XX:ActiveProcessorCount=N limits them)", "--cores", "-c"),
    IO_THREADS(Arity.VALUE, false, "RocksDB schedules its own I/O", "--io-threads"),
    DIRECT_IO(Arity.FLAG, false, "RocksDB reads and writes through the page cache", "--direct-io"),
    CANONICAL_ADDRESS(Arity.REPEATED, false, "a single server has no cluster peers to tell its address",
            "--canonical-address"),
    CLUSTER_PORT(Arity.VALUE, false, "a single server has no cluster port", "--cluster-port"),
    CLIENT_PORT(Arity.VALUE, false, "a single server makes no cluster connections", "--client-port"),
    BIND_CLUSTER(Arity.REPEATED, false, "a single server has no cluster port", "--bind-cluster"),
    JOIN_DELAY(Arity.VALUE, false, "a single server joins no cluster", "--join-delay"),
    CLUSTER_RECONNECT_TIMEOUT(Arity.VALUE, false, "a single server joins no cluster",
            "--cluster-reconnect-timeout"),
    CLUSTER_TLS_KEY(Arity.VALUE, false, "a single server has no cluster port", "--cluster-tls-key"),
    CLUSTER_TLS_CERT(Arity.VALUE, false, "a single server has no cluster port", "--cluster-tls-cert"),
    CLUSTER_TLS_CA(Arity.VALUE, false, "a single server has no cluster port", "--cluster-tls-ca"),
    SERVER_TAG(Arity.REPEATED, false, "tags place replicas across a cluster's servers", "--server-tag", "-t"),
    WEB_STATIC_DIRECTORY(Arity.VALUE, false, "the web console's pages are built into ReqlDB",
            "--web-static-directory"),
    HTTP_TLS_KEY(Arity.VALUE, false, Texts.HTTP_TLS, "--http-tls-key"),
    HTTP_TLS_CERT(Arity.VALUE, false, Texts.HTTP_TLS, "--http-tls-cert"),
    TLS_ECDH_CURVE(Arity.VALUE, false, "the JDK's TLS chooses the curve (prime256v1, RethinkDB's default, "
            + "among them)", "--tls-ecdh-curve"),
    TLS_DHPARAMS(Arity.VALUE, false, "DHE cipher suites use the JDK's own 2048-bit and larger groups",
            "--tls-dhparams"),
    NO_UPDATE_CHECK(Arity.FLAG, false, "there is no update check (RethinkDB 2.4 removed it too)",
            "--no-update-check"),
    JOIN(Arity.REPEATED, true, "ReqlDB runs as a single server and cannot join a cluster; "
            + "remove --join (join= in a configuration file) to start this server alone", "--join", "-j"),
    REQL_HTTP_PROXY(Arity.VALUE, true, "r.http cannot go through a proxy in ReqlDB; remove "
            + "--reql-http-proxy (reql-http-proxy= in a configuration file) to let r.http connect directly",
            "--reql-http-proxy");

    /** Whether the web console stays off because RethinkDB's options asked for it over TLS. */
    static boolean wantsConsoleTls(ParseResult parsed) {
        return parsed.hasMatchedOption("--http-tls-key") || parsed.hasMatchedOption("--http-tls-cert");
    }

    /** How the option takes values, as RethinkDB's option table declares it. */
    enum Arity { FLAG, VALUE, REPEATED }

    private final Arity arity;
    private final boolean refused;
    private final String why;
    private final String[] names;

    RethinkDbOnlyOption(Arity arity, boolean refused, String why, String... names) {
        this.arity = arity;
        this.refused = refused;
        this.why = why;
        this.names = names;
    }

    /** Adds every such option to {@code serve}'s model, in a help section of their own. */
    static void addTo(CommandSpec serve) {
        for (RethinkDbOnlyOption option : values()) {
            OptionSpec.Builder builder = OptionSpec.builder(option.names)
                    .description((option.refused ? "Refused: " : "Accepted, no effect: ") + option.why + ".");
            switch (option.arity) {
                case FLAG -> builder.arity("0").type(boolean.class);
                case VALUE -> builder.arity("1").type(String.class).paramLabel("VALUE");
                case REPEATED -> builder.arity("1").type(List.class).auxiliaryTypes(String.class).paramLabel("VALUE");
            }
            serve.addOption(builder.build());
        }
    }

    /** The note for each accepted option the parse matched, one line each. */
    static List<String> notes(ParseResult parsed) {
        return matched(parsed, false).stream()
                .map(o -> "Ignoring " + o.names[0] + ": " + o.why + ".")
                .toList();
    }

    /** The refusal of the first refused option the parse matched, or null when none was given. */
    static String refusal(ParseResult parsed) {
        return matched(parsed, true).stream().findFirst().map(o -> o.why + ".").orElse(null);
    }

    private static List<RethinkDbOnlyOption> matched(ParseResult parsed, boolean refused) {
        return java.util.Arrays.stream(values())
                .filter(o -> o.refused == refused && parsed.hasMatchedOption(o.names[0]))
                .toList();
    }

    /** Texts the constants share (an enum's own static fields cannot be read in its constants). */
    private static final class Texts {
        static final String HTTP_TLS = "the web console serves plain HTTP only, so it stays off: put a TLS "
                + "proxy in front of it and remove this option to use it";
    }
}
