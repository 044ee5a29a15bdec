package io.reqldb.tools.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * A standalone {@code reqldb-tools} command with only the toolkit's subcommands, for tests and
 * for running the tools without the server jar. The real entry point is the cli module's
 * {@code reqldb} command, which registers the same subcommands.
 */
@Command(name = "reqldb", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
        description = "ReqlDB migration toolkit: dump, restore, export, import, index-rebuild, verify")
public final class ToolMain implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** The command line with every subcommand; tests call {@code execute} on it. */
    public static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /** The command line for running {@code args}: see {@link ToolCommands#register}. */
    static CommandLine commandLine(String[] args) {
        return ToolCommands.register(new CommandLine(new ToolMain()), ToolCommands.byName(), args);
    }

    public static void main(String[] args) {
        ToolCommands.prepare(args);
        System.exit(commandLine(args).execute(args));
    }
}
