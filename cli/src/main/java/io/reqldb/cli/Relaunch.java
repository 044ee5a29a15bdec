package io.reqldb.cli;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A JVM can neither fork, change its user, nor resize itself, so {@code serve} starts itself again
 * as a child process: with the JVM options {@link JvmSizing} derives from {@code --cache-size}
 * (always), through util-linux's {@code setsid} for {@code --daemon} (a session of its own, no
 * terminal: what RethinkDB's fork and setsid give) and {@code setpriv} for {@code --runuser} and
 * {@code --rungroup}, with the same JVM options and arguments.
 *
 * <p>With {@code --daemon} this process relays what the child prints on standard error until the
 * child has started (which then closes it), so a failed start is still reported here, with the
 * child's exit code; once started, it exits with 0 and leaves the child serving. Without it, when
 * a launcher script asks for the command ({@code REQLDB_SERVE_EXEC} names a file), this process
 * writes it there as a shell command line and exits with 0, and the script {@code exec}s it: the
 * server then is the process the user started, with no JVM waiting beside it (59 MB resident
 * for nothing). Otherwise ({@code java -jar}), this process waits for the child, passes a stop
 * request on, and exits with the child's exit code.
 */
final class Relaunch {
    /** Set in the child's environment: it serves itself. */
    private static final String CHILD = "REQLDB_SERVE_CHILD";
    /** Set in the child's environment when its parent waits for it and is the process the user started. */
    private static final String WAITED = "REQLDB_SERVE_WAITED";
    /** Set by a launcher script: the file to write the child's command to, for the script to exec. */
    private static final String EXEC = "REQLDB_SERVE_EXEC";

    private Relaunch() {
    }

    static boolean isChild() {
        return System.getenv(CHILD) != null;
    }

    /**
     * The process the user started: this one, or, in a child that its parent waits for (no
     * {@code --daemon}), the parent, which passes signals on and exits with it.
     */
    static ProcessHandle launcher() {
        ProcessHandle self = ProcessHandle.current();
        if (isChild() && System.getenv(WAITED) != null) {
            return self.parent().orElse(self);
        }
        return self;
    }

    /** In a daemon child that has started: lets the parent go (it relays stderr until it closes). */
    static void detach() {
        if (isChild()) {
            System.err.close();
        }
    }

    /**
     * Runs {@code serve} again as a child; returns the exit code for this process.
     *
     * @param serveArgs the arguments after {@code serve}, as given (the child reads any config file itself)
     * @param cacheMb   the cache size chosen for the child, whose JVM is sized from it
     * @param queryMb   {@code --query-memory}, 0 for the default: the heap holds it too
     */
    static int run(ServiceFlags flags, List<String> serveArgs, long cacheMb, long queryMb, PrintStream err)
            throws Exception {
        List<String> command = new ArrayList<>();
        if (flags.daemon) {
            command.add(tool("setsid"));
        }
        if (flags.runUser != null || flags.runGroup != null) {
            command.add(tool("setpriv"));
            if (flags.runUser != null) {
                command.add("--reuid=" + id("-u", flags.runUser));
                command.add("--regid=" + (flags.runGroup != null ? groupId(flags.runGroup) : id("-g", flags.runUser)));
                command.add("--init-groups");
            } else {
                command.add("--regid=" + groupId(flags.runGroup));
                command.add("--clear-groups");
            }
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> jvmOptions = ManagementFactory.getRuntimeMXBean().getInputArguments();
        command.addAll(jvmOptions);
        command.addAll(JvmSizing.flags(cacheMb, queryMb, jvmOptions));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ReqlDbCommand.class.getName());
        command.add("serve");
        command.addAll(serveArgs);
        Map<String, String> environment = new LinkedHashMap<>(JvmSizing.environment(System.getenv()));
        environment.put(CHILD, "1");
        String execFile = System.getenv(EXEC);
        if (!flags.daemon && execFile != null) {
            Files.writeString(Path.of(execFile), shellCommand(environment, command));
            return 0;
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        if (!flags.daemon) {
            builder.environment().put(WAITED, "1");
            Process child = builder.inheritIO().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                child.destroy();
                try {
                    child.waitFor(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "reqldb-stop-child"));
            return child.waitFor();
        }
        Process child = builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.PIPE).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                err.println(line);
            }
        }
        // Closed: started (and detached), or ended; an ending child closes it a moment before it exits.
        if (child.waitFor(2, TimeUnit.SECONDS)) {
            return child.exitValue();
        }
        return 0;
    }

    /** {@code export NAME='value' ...; exec 'word' ...}: POSIX shell, every word quoted, for {@code eval}. */
    static String shellCommand(Map<String, String> environment, List<String> command) {
        StringBuilder line = new StringBuilder();
        if (!environment.isEmpty()) {
            line.append("export");
            environment.forEach((name, value) -> line.append(' ').append(name).append('=').append(shellQuote(value)));
            line.append("; ");
        }
        line.append("exec");
        command.forEach(word -> line.append(' ').append(shellQuote(word)));
        return line.append('\n').toString();
    }

    /** One shell word, whatever it holds: quoted, a quote in it closed, escaped and reopened. */
    private static String shellQuote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static String tool(String name) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return dir + "/" + name;
            }
        }
        throw new IllegalArgumentException("--daemon, --runuser and --rungroup need util-linux's " + name
                + ", which is not installed: install util-linux, or run under systemd (User=, Group=).");
    }

    /** {@code id -u USER} or {@code id -g USER}: the user's id or its group's, looked up as the system does. */
    private static String id(String which, String user) throws IOException, InterruptedException {
        String answer = run("id", which, user);
        if (answer == null) {
            throw new IllegalArgumentException("User '" + user + "' not found. Give --runuser an existing user.");
        }
        return answer;
    }

    private static String groupId(String group) throws IOException, InterruptedException {
        String entry = run("getent", "group", group);
        if (entry == null || entry.split(":").length < 3) {
            throw new IllegalArgumentException("Group '" + group + "' not found. Give --rungroup an existing group.");
        }
        return entry.split(":")[2];
    }

    /** The first line a command prints, or null when it fails. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return p.waitFor() == 0 && !out.isEmpty() ? out.lines().findFirst().orElse(null) : null;
    }
}
