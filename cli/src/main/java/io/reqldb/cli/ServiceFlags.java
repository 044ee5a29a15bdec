package io.reqldb.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** RethinkDB's service options of {@code serve}, as a mixin: see {@link Relaunch} and {@link PidFile}. */
final class ServiceFlags {

    @Option(names = "--daemon", description = "Run in the background once started (errors before then are still shown).")
    boolean daemon;

    @Option(names = "--pid-file", paramLabel = "PATH",
            description = "Write the process id to this file while serving; refuse to start if it names a running process.")
    Path pidFile;

    @Option(names = "--runuser", paramLabel = "USER", description = "Run as this user (start as root).")
    String runUser;

    @Option(names = "--rungroup", paramLabel = "GROUP",
            description = "Run with this group (default with --runuser: the user's own group).")
    String runGroup;

    /**
     * Whether this process must start {@code serve} again as a child: always, once, since the
     * child's JVM is sized from the cache (see {@link JvmSizing}), and it honours these flags.
     */
    boolean needRelaunch() {
        return !Relaunch.isChild();
    }
}
