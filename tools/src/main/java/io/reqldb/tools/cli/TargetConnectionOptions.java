package io.reqldb.tools.cli;

import io.reqldb.tools.ToolException;
import io.reqldb.tools.conn.ConnectionOptions;
import io.reqldb.tools.conn.Endpoint;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The second server of {@code compare} and {@code sync}: the connection options of every tool
 * under {@code --to} names, handled by the same {@link ConnectionOptions}.
 */
final class TargetConnectionOptions {
    private final ConnectionOptions options = new ConnectionOptions();
    private boolean given;

    @Option(names = "--to", paramLabel = "HOST:PORT", description = "host and client port of the target server (required)")
    void to(String value) {
        given = true;
        options.connect(value);
    }

    @Option(names = "--to-user", paramLabel = "USERNAME", description = "user name to connect to the target as")
    void user(String value) {
        options.user(value);
    }

    @Option(names = "--to-password", description = "interactively prompt for the target's password")
    void prompt(boolean value) {
        options.prompt(value);
    }

    @Option(names = "--to-password-file", paramLabel = "PSWD_FILE", description = "read the target's password from a file")
    void passwordFile(Path file) {
        options.passwordFile(file);
    }

    @Option(names = "--to-tls-cert", paramLabel = "TLS_CERT", description = "certificate file for TLS to the target")
    void tlsCert(Path file) {
        options.tlsCert(file);
    }

    /** The target endpoint; --to is required. */
    Endpoint resolve() {
        if (!given) {
            throw ToolException.usage("--to HOST:PORT is required: the server to compare with or copy into");
        }
        return options.resolve();
    }
}
