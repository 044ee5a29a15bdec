package io.reqldb.tools.cli;

import io.reqldb.tools.conn.DriverWarmUp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * The toolkit's subcommands, for the {@code reqldb} command to register with
 * {@link #register(CommandLine, Map, String[])}.
 */
public final class ToolCommands {
    private ToolCommands() {}

    /** dump, restore, export, import, index-rebuild, verify, compare and sync by name, in that order (help is the root's). */
    public static Map<String, Supplier<Object>> byName() {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("dump", DumpCommand::new);
        commands.put("restore", RestoreCommand::new);
        commands.put("export", ExportCommand::new);
        commands.put("import", ImportCommand::new);
        commands.put("index-rebuild", IndexRebuildCommand::new);
        commands.put("verify", VerifyCommand::new);
        commands.put("compare", CompareCommand::new);
        commands.put("sync", SyncCommand::new);
        return commands;
    }

    /**
     * Call first thing in {@code main}: when the arguments run one of the toolkit's commands that
     * connect, starts the driver's warm-up ({@link DriverWarmUp}) beside the parsing of the
     * command line. {@code dump --data-dir} reads files and never connects: there the warm-up
     * would only take CPU from the dump (a fifth of a second).
     */
    public static void prepare(String[] args) {
        List<String> all = List.of(args);
        if (!all.isEmpty() && List.of("dump", "restore", "export", "import", "index-rebuild", "compare", "sync").contains(all.get(0))
                && !all.contains("-h") && !all.contains("--help")
                && all.stream().noneMatch(a -> a.equals("--data-dir") || a.startsWith("--data-dir="))) {
            DriverWarmUp.start();
        }
    }

    /**
     * Adds {@code subcommands} (fresh instances) to {@code root}: when {@code args} starts with
     * one's name, only that one, for picocli builds a command's model by reflection over its
     * options and annotations, which in a fresh JVM costs milliseconds per command, and the run
     * never needs the others. Otherwise all of them and {@link HelpCommand}, for the root's help
     * and errors.
     */
    public static CommandLine register(CommandLine root, Map<String, Supplier<Object>> subcommands, String[] args) {
        Supplier<Object> named = args.length > 0 ? subcommands.get(args[0]) : null;
        if (named != null) {
            root.addSubcommand(named.get());
            return root;
        }
        subcommands.values().forEach(command -> root.addSubcommand(command.get()));
        root.addSubcommand(new HelpCommand());
        return root;
    }
}
