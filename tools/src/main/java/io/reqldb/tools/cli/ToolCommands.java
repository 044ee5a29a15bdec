package io.reqldb.tools.cli;

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

    /** Registers {@link #all()} and {@link HelpCommand} on {@code root}. */
    public static CommandLine register(CommandLine root) {
        all().forEach(root::addSubcommand);
        if (!root.getSubcommands().containsKey("help")) {
            root.addSubcommand(new HelpCommand());
        }
        return root;
    }
}
