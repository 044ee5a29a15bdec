package io.reqldb.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** {@code reqldb serve} started in-process from its flags (and --config-file), with what it printed on stderr. */
final class ServeHarness {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Starts {@code serve} with these flags; null when it refused (see {@link #err()}). */
    ServeCommand.Running start(String... args) throws Exception {
        ServeCommand serve = new ServeCommand(new PrintStream(err, true, StandardCharsets.UTF_8));
        ServeCommand.commandLine(serve).parseArgs(ConfigFileArguments.merge(args));
        return serve.start();
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
