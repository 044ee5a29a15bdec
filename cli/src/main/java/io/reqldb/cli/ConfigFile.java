package io.reqldb.cli;

import io.reqldb.tools.conn.Errors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Model.OptionSpec;

/**
 * RethinkDB's configuration file ({@code --config-file}, {@code /etc/rethinkdb/instances.d/*.conf}),
 * read as {@code rethinkdb} 2.4 reads it: a {@code #} starts a comment anywhere on a line; each
 * other non-blank line is {@code name=value} (spaces around {@code =} allowed, the value taken as
 * it stands, quotes and all) or, for an option without a parameter, {@code name} alone. Names are
 * the long option names without their dashes. An option may appear on several lines when it is
 * repeatable ({@code bind}).
 */
final class ConfigFile {
    private ConfigFile() {
    }

    /** One setting: {@code value} is null for an option without a parameter. */
    record Entry(String name, String value) {
        /** As the command line would give it. */
        String asArgument() {
            return value == null ? "--" + name : "--" + name + "=" + value;
        }
    }

    /** A file that cannot be read or does not parse; the message is one line saying where. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    /**
     * @param options the command's option by its long name ({@code --directory}), or null when unknown
     * @throws Invalid for an unreadable file, an unknown option, a missing or unexpected value
     */
    static List<Entry> read(Path file, Function<String, OptionSpec> options) throws Invalid {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new Invalid("Trouble reading config file '" + file + "': " + Errors.ioReason(e)
                    + ". Give --config-file a readable file.");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Entry entry = parseLine(lines.get(i), options, "Config file " + file + ": parse error at line " + (i + 1));
            if (entry != null) {
                entries.add(entry);
            }
        }
        return entries;
    }

    private static Entry parseLine(String line, Function<String, OptionSpec> options, String where) throws Invalid {
        int hash = line.indexOf('#');
        String text = (hash < 0 ? line : line.substring(0, hash)).strip();
        if (text.isEmpty()) {
            return null;
        }
        int nameEnd = 0;
        while (nameEnd < text.length() && text.charAt(nameEnd) != '=' && !Character.isWhitespace(text.charAt(nameEnd))) {
            nameEnd++;
        }
        if (nameEnd == 0) {
            throw new Invalid(where + ": a line starts with '=' where an option name belongs.");
        }
        String name = text.substring(0, nameEnd);
        OptionSpec option = options.apply("--" + name);
        if (option == null) {
            throw new Invalid(where + ": unrecognized option name '" + name + "'. See `reqldb serve --help` "
                    + "for the options (without their leading dashes).");
        }
        String rest = text.substring(nameEnd).strip();
        if (option.arity().max() == 0) {
            if (!rest.isEmpty()) {
                throw new Invalid(where + ": unexpected data after no-parameter option '" + name
                        + "'. Write it alone on its line.");
            }
            return new Entry(name, null);
        }
        if (!rest.startsWith("=")) {
            throw new Invalid(where + ": expected " + name + "=VALUE.");
        }
        String value = rest.substring(1).strip();
        if (value.isEmpty()) {
            throw new Invalid(where + ": no parameter for option '" + name + "'.");
        }
        return new Entry(name, value);
    }
}
