package io.reqldb.tools.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code help [command]}: the parent's help, or a subcommand's ({@code -h}), as
 * {@code rethinkdb help <sub>} does; an unknown name is an error.
 */
@Command(name = "help", description = "show help for the reqldb command or one of its subcommands")
public final class HelpCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "COMMAND", description = "the subcommand to explain")
    String command;

    @Override
    public Integer call() {
        CommandLine parent = spec.commandLine().getParent();
        if (command == null) {
            parent.usage(spec.commandLine().getOut());
            return 0;
        }
        CommandLine sub = parent.getSubcommands().get(command);
        if (sub == null) {
            spec.commandLine().getErr().println("ERROR: No help for '" + command + "'");
            return 1;
        }
        sub.usage(spec.commandLine().getOut());
        return 0;
    }
}
