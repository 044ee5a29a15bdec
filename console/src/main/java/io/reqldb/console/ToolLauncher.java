package io.reqldb.console;

import java.util.List;

/**
 * How the console runs the migration toolkit's commands (dump, restore, index-rebuild): as the
 * same {@code reqldb} command a person types, in a process of its own, connecting to this
 * server's driver port as the signed-in user. The same code paths as the command line, and no
 * tool's memory, threads or temporary files inside the server.
 *
 * @param command the command line that runs {@code reqldb} (java, its options, class path, main class)
 * @param driver  HOST:PORT of this server's driver port, as the tools' {@code -c} takes it
 */
public record ToolLauncher(List<String> command, String driver) {
    public ToolLauncher {
        command = List.copyOf(command);
    }
}
