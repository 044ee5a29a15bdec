package io.reqldb.tools.conn;

import io.reqldb.tools.ToolException;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * The official "Connection options" group, shared by every tool. Setters run in command-line
 * order, so a later {@code -c} overrides an earlier {@code --host-name} and the other way round,
 * as in optparse. The environment defaults are read when the options object is created.
 *
 * <p>Help lists the options in the official order, first. They need an explicit {@code order}:
 * picocli finds setters in {@code getDeclaredMethods()} order, which the JVM does not fix (it
 * changed with what else was loaded before). Negative, so that they come before the commands'
 * own options, which keep picocli's default order (-1) and so their declaration order.
 */
public final class ConnectionOptions {
    private static final Pattern HOST_PORT = Pattern.compile("^\\s*([\\w.-]+)(:(\\d+))?\\s*$");

    private String host = envOr("RETHINKDB_HOSTNAME", "localhost");
    private int port;
    private String user = envOr("RETHINKDB_USER", "admin");
    private String password = "";
    private boolean passwordGiven;
    private boolean prompt;
    private Path tlsCert;
    private String invalid;

    @Option(names = {"-c", "--connect"}, order = -8, paramLabel = "HOST:PORT",
            description = "host and client port of a rethinkdb node to connect (default: localhost:28015)")
    public void connect(String value) {
        Matcher m = HOST_PORT.matcher(value);
        if (!m.matches()) {
            invalid = "Invalid 'host:port' format: " + value;
            return;
        }
        host = m.group(1);
        if (m.group(3) != null) {
            port = Integer.parseInt(m.group(3));
        }
    }

    @Option(names = "--driver-port", order = -7, paramLabel = "PORT", description = "driver port of a rethinkdb server")
    void driverPort(int value) {
        port = value;
    }

    @Option(names = "--host-name", order = -6, paramLabel = "HOST",
            description = "host and driver port of a rethinkdb server")
    void hostName(String value) {
        host = value;
    }

    @Option(names = {"-u", "--user"}, order = -5, paramLabel = "USERNAME", description = "user name to connect as")
    public void user(String value) {
        user = value;
    }

    @Option(names = {"-p", "--password"}, order = -4,
            description = "interactively prompt for a password for the connection")
    public void prompt(boolean value) {
        prompt = value;
    }

    @Option(names = "--password-file", order = -3, paramLabel = "PSWD_FILE",
            description = "read the connection password from a file")
    public void passwordFile(Path file) {
        if (!Files.isRegularFile(file)) {
            invalid = "--password-file value is not an existing file: '" + file + "'";
            return;
        }
        try {
            // Unlike the official tool, a CRLF line end is stripped whole.
            password = Files.readString(file, StandardCharsets.UTF_8).replaceAll("[\\r\\n]+$", "");
            passwordGiven = true;
        } catch (IOException e) {
            invalid = "bad value for --password-file: " + e.getMessage();
        }
    }

    @Option(names = "--tls-cert", order = -2, paramLabel = "TLS_CERT",
            description = "certificate file to use for TLS encryption.")
    public void tlsCert(Path file) {
        if (!Files.isRegularFile(file)) {
            invalid = "Option --tls-cert value is not a file: '" + file + "'";
            return;
        }
        tlsCert = file.toAbsolutePath();
    }

    /**
     * Reports the first invalid option value, then asks for the password if {@code -p} was given.
     * Values are only recorded while parsing, so that every message goes through one path.
     */
    public Endpoint resolve() {
        if (invalid != null) {
            throw ToolException.usage(invalid);
        }
        if (prompt) {
            String typed = readPassword("Password for `" + user + "`: ");
            if (!passwordGiven) {
                password = typed;
            }
        }
        return new Endpoint(host, port, user, password, tlsCert);
    }

    private static String readPassword(String promptText) {
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("%s", promptText);
            return typed == null ? "" : new String(typed);
        }
        System.err.print(promptText);
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return line == null ? "" : line;
        } catch (IOException e) {
            return "";
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    /** Unlike the official tools (which reject any value), a positive integer is accepted. */
    public ConnectionOptions() {
        String value = System.getenv("RETHINKDB_DRIVER_PORT");
        port = 28015;
        if (value != null && !value.isEmpty()) {
            try {
                port = Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                port = 0;
            }
            if (port <= 0) {
                invalid = "ENV variable RETHINKDB_DRIVER_PORT is not a useable integer: " + value;
            }
        }
    }
}
