package io.reqldb.cli;

import io.reqldb.tools.cli.DumpCommand;
import io.reqldb.tools.cli.ToolCommands;
import io.reqldb.tools.conn.Errors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code reqldb} command. Each job is a subcommand, as with the {@code rethinkdb} binary:
 * {@code serve} runs the server, {@code migrate} brings a data directory to this release's
 * format offline (or, with --check, reports what start-up would do); the migration toolkit
 * (dump, restore, export, import, index-rebuild, verify) and {@code help [command]} come from
 * the tools module. Only the subcommand being run is built (see {@link ToolCommands#register}).
 */
@Command(name = "reqldb",
        description = "A RethinkDB-compatible document database.",
        mixinStandardHelpOptions = true,
        versionProvider = ReqlDbCommand.Version.class)
public final class ReqlDbCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        ToolCommands.prepare(args);
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code; for tests and embedding. */
    public static int run(String... args) {
        if (args.length > 0 && args[0].equals("serve")) {
            ServeCommand.argumentsAsTyped = List.of(args).subList(1, args.length);
        }
        String[] effective;
        try {
            effective = withConfigFile(args);
        } catch (ConfigFile.Invalid e) {
            System.err.println(e.getMessage());
            return 1;
        }
        return commandLine(effective).execute(effective);
    }

    /** {@code serve}'s arguments with those of its {@code --config-file}, if any. */
    static String[] withConfigFile(String[] args) throws ConfigFile.Invalid {
        if (args.length == 0 || !args[0].equals("serve")) {
            return args;
        }
        String[] serveArgs = ConfigFileArguments.merge(java.util.Arrays.copyOfRange(args, 1, args.length));
        String[] merged = new String[serveArgs.length + 1];
        merged[0] = "serve";
        System.arraycopy(serveArgs, 0, merged, 1, serveArgs.length);
        return merged;
    }

    /** The command line for running {@code args}: see {@link ToolCommands#register}. */
    static CommandLine commandLine(String... args) {
        Map<String, Supplier<Object>> subcommands = new LinkedHashMap<>();
        subcommands.put("serve", () -> ServeCommand.commandLine(new ServeCommand()));
        subcommands.put("migrate", MigrateCommand::new);
        subcommands.putAll(ToolCommands.byName());
        // dump --data-dir prints stored functions as the server does, which needs the query engine.
        subcommands.put("dump", () -> new DumpCommand(QueryFunctionTexts.INSTANCE));
        CommandLine root = ToolCommands.register(new CommandLine(new ReqlDbCommand()), subcommands, args);
        root.setParameterExceptionHandler(ReqlDbCommand::badArguments);
        root.setExecutionExceptionHandler(ReqlDbCommand::failed);
        return root;
    }

    /** Bad arguments: one line saying what was wrong and where the help is (not the whole help). */
    private static int badArguments(CommandLine.ParameterException e, String[] args) {
        String command = e.getCommandLine().getCommandSpec().qualifiedName();
        e.getCommandLine().getErr().println(command + ": " + Errors.describe(e) + ". See '" + command + " --help'.");
        return 2;
    }

    /** A failure no command turned into its own message: still one line, never a stack trace. */
    private static int failed(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) {
        commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + Errors.describe(e));
        return 1;
    }

    /** Without a subcommand, say what there is, like {@code rethinkdb help}. */
    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The version from the jar's manifest, when built as one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = ReqlDbCommand.class.getPackage().getImplementationVersion();
            return new String[] {"reqldb " + (v == null ? "(development build)" : v)};
        }
    }
}
