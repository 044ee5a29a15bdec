package io.reqldb.cli;

import io.reqldb.tools.conn.Errors;
import java.net.InetAddress;
import java.util.List;
import picocli.CommandLine.Option;

/** The metrics endpoint's options, as a mixin of {@code serve}: off unless given a port; bound like the driver port. */
final class MetricsFlags {

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve Prometheus metrics at http://ADDR:PORT/metrics (default: off; --port-offset applies).")
    Integer port;

    @Option(names = "--bind-metrics", paramLabel = "ADDR",
            description = "Override --bind for the metrics port; repeatable.")
    List<String> bind;

    /**
     * The addresses to listen on: {@code --bind-metrics}, else those {@code --bind} gives.
     *
     * @throws IllegalArgumentException for an address that does not parse
     */
    List<InetAddress> addresses(List<String> serveBind, boolean defaultBind) {
        return BindAddresses.parse(bind != null ? bind : serveBind, defaultBind);
    }

    /** The one line that says why the metrics port could not be listened on, and what to do. */
    static String failure(int port, Exception e) {
        String reason = Errors.describe(e);
        String advice = reason.toLowerCase(java.util.Locale.ROOT).contains("in use")
                ? "Another process listens there: stop it, or choose another --metrics-port (or --port-offset)."
                : "Check --bind-metrics (or --bind) and --metrics-port.";
        return "Could not listen for metrics on port " + port + ": " + reason + ". " + advice;
    }
}
