package io.reqldb.cli;

import java.net.InetAddress;
import java.util.List;
import picocli.CommandLine.Option;

/** RethinkDB's web console options, as a mixin of {@code serve}: the console's port and addresses. */
final class ConsoleFlags {

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "8080",
            description = "Web console port (default: ${DEFAULT-VALUE}); 0 for any free port.")
    int httpPort;

    @Option(names = "--bind-http", paramLabel = "ADDR",
            description = "Override --bind for the web console; repeatable.")
    List<String> bindHttp;

    @Option(names = "--no-http-admin", description = "Do not serve the web console.")
    boolean noHttpAdmin;

    /**
     * The console's addresses: --bind-http, else --bind, with loopback unless --no-default-bind;
     * none (the console is not served) when --no-default-bind leaves it none.
     */
    List<InetAddress> addresses(List<String> bind, boolean withLoopback) {
        List<String> values = bindHttp != null ? bindHttp : bind;
        if (!withLoopback && (values == null || values.isEmpty())) {
            return List.of();
        }
        try {
            return BindAddresses.parse(values, withLoopback);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().replace("--bind-driver", "--bind-http"), e);
        }
    }
}
