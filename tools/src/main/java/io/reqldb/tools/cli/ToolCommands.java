package io.reqldb.tools.cli;

import io.reqldb.tools.conn.DriverWarmUp;
import java.util.List;
import picocli.CommandLine;

/**
 * The toolkit's subcommands, for the {@code reqldb} command to register:
 * {@code ToolCommands.all().forEach(root::addSubcommand)}. Each call gives fresh instances.
 */
public final class ToolCommands {
    private ToolCommands() {}

    /** dump, restore, export, import, index-rebuild and verify (help is the root's to add). */
    public static List<Object> all() {
        return List.of(new DumpCommand(), new RestoreCommand(), new ExportCommand(), new ImportCommand(),
                new IndexRebuildCommand(), new VerifyCommand());
    }

    /**
     * Call first thing in {@code main}: when the arguments name one of the toolkit's commands,
     * starts the driver's warm-up ({@link DriverWarmUp}) beside the parsing of the command line.
     */
    public static void prepare(String[] args) {
        if (args.length > 0 && List.of("dump", "restore", "export", "import", "index-rebuild").contains(args[0])) {
            DriverWarmUp.start();
        }
    }

    /** Registers {@link #all()} and {@link HelpCommand} on {@code root}. */
    public static CommandLine register(CommandLine root) {
        all().forEach(root::addSubcommand);
        if (!root.getSubcommands().containsKey("help")) {
            root.addSubcommand(new HelpCommand());
        }
        return root;
    }
}
