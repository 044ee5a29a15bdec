package io.reqldb.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code serve --config-file FILE}: the file's settings join the command line's, by RethinkDB's
 * rule that an option given on the command line replaces all of the file's values for it (one
 * {@code --bind} on the command line drops every {@code bind=} line).
 */
final class ConfigFileArguments {
    private ConfigFileArguments() {
    }

    /**
     * {@code serveArgs} (the arguments after {@code serve}) with the configuration file's settings
     * appended as options; unchanged without {@code --config-file}, or when the command line does
     * not parse (the real parse then reports it).
     *
     * @throws ConfigFile.Invalid when the file cannot be read or does not parse
     */
    static String[] merge(String[] serveArgs) throws ConfigFile.Invalid {
        CommandLine probe = ServeCommand.commandLine(new ServeCommand());
        ParseResult parsed;
        try {
            parsed = probe.parseArgs(serveArgs);
        } catch (CommandLine.ParameterException e) {
            return serveArgs;
        }
        Path file = parsed.matchedOptionValue("--config-file", null);
        if (file == null) {
            return serveArgs;
        }
        CommandSpec spec = probe.getCommandSpec();
        List<String> merged = new ArrayList<>(Arrays.asList(serveArgs));
        for (ConfigFile.Entry entry : ConfigFile.read(file, name -> longOption(spec, name))) {
            if (!parsed.hasMatchedOption(spec.findOption("--" + entry.name()))) {
                merged.add(entry.asArgument());
            }
        }
        return merged.toArray(new String[0]);
    }

    /** The option whose long name is exactly {@code name} (picocli's own lookup also takes short names). */
    private static OptionSpec longOption(CommandSpec spec, String name) {
        OptionSpec option = spec.findOption(name);
        return option != null && Arrays.asList(option.names()).contains(name) ? option : null;
    }
}
