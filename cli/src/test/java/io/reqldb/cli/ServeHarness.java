package io.reqldb.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** {@code reqldb serve} started in-process from its flags, with what it printed on stderr. */
final class ServeHarness {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Starts {@code serve} with these flags; null when it refused (see {@link #err()}). */
    ServeCommand.Running start(String... args) throws Exception {
        ServeCommand serve = new ServeCommand(new PrintStream(err, true, StandardCharsets.UTF_8));
        new CommandLine(serve).parseArgs(args);
        return serve.start();
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
