package io.reqldb.cli;

import io.reqldb.tools.conn.Errors;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Option(names = "--metrics-token-file", paramLabel = "FILE",
            description = "Ask scrapes for this file's secret as a bearer token (Prometheus: authorization with "
                    + "credentials_file). Needed to serve metrics beyond loopback.")
    Path tokenFile;

    /** A guessable token would be no lock: at least this many characters. */
    static final int MIN_TOKEN_CHARS = 16;

    /**
     * The addresses to listen on: {@code --bind-metrics}, else those {@code --bind} gives.
     *
     * @throws IllegalArgumentException for an address that does not parse
     */
    List<InetAddress> addresses(List<String> serveBind, boolean defaultBind) {
        return BindAddresses.parse(bind != null ? bind : serveBind, defaultBind);
    }

    /**
     * The token scrapes must present, or null for none. The metrics name every database and
     * table, so beyond loopback they are served only behind a token, as the driver port is only
     * behind a password ({@link PublicBindRule}).
     *
     * @throws IllegalArgumentException for an unreadable or short token, or none on a public address
     */
    String token(List<InetAddress> addresses) {
        if (tokenFile == null) {
            if (PublicBindRule.isPublic(addresses)) {
                throw new IllegalArgumentException("Refusing to serve metrics beyond loopback without a token: they "
                        + "name every database and table. Give --metrics-token-file FILE (a secret of at least "
                        + MIN_TOKEN_CHARS + " characters, which Prometheus sends as a bearer token), or "
                        + "--bind-metrics 127.0.0.1.");
            }
            return null;
        }
        String token;
        try {
            token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read --metrics-token-file " + tokenFile + ": " + Errors.describe(e));
        }
        if (token.length() < MIN_TOKEN_CHARS) {
            throw new IllegalArgumentException("--metrics-token-file " + tokenFile + " holds " + token.length()
                    + " characters; a token needs at least " + MIN_TOKEN_CHARS + ".");
        }
        return token;
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
