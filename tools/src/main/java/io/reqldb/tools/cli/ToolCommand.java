package io.reqldb.tools.cli;

import io.reqldb.tools.ToolException;
import io.reqldb.tools.conn.ConnectionOptions;
import io.reqldb.tools.conn.Errors;
import io.reqldb.tools.progress.Progress;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every tool shares: the common options, and one error path. Every failure becomes one
 * message on stderr and an exit code (2 for options and connecting, 1 otherwise); a stack trace
 * is printed only with the hidden {@code --debug}.
 */
abstract class ToolCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin ConnectionOptions connection;

    @Option(names = {"-q", "--quiet"}, description = "suppress non-error messages")
    boolean quiet;

    @Option(names = "--debug", hidden = true, description = "print stack traces of failures")
    boolean debug;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help message and exit")
    boolean help;

    @Option(names = "--version", versionHelp = true, description = "show program's version number and exit")
    boolean version;

    /** Does the work; returns the exit code. */
    abstract int run() throws Exception;

    @Override
    public final Integer call() {
        Cleanup.begin();
        try {
            return run();
        } catch (ToolException e) {
            if (debug) {
                e.printStackTrace();
            }
            report(e);
            return e.exitCode();
        } catch (Exception e) {
            if (debug) {
                e.printStackTrace();
            }
            err().println(failurePrefix() + withoutErrorPrefix(Errors.describe(e)));
            return ToolException.FAILURE;
        } finally {
            Cleanup.end();
        }
    }

    /** Prefix of every runtime failure message, for example "Error: dump failed, ". */
    String failurePrefix() {
        return "Error: ";
    }

    private void report(ToolException e) {
        if (e.exitCode() == ToolException.USAGE) {
            // optparse's error(): usage, a blank line, then "<prog>: error: <message>".
            err().print("Usage: " + spec.commandLine().getHelp().synopsis(0));
            err().println();
            err().flush();
            err().println(spec.qualifiedName() + ": error: " + e.getMessage());
        } else {
            err().println(failurePrefix() + withoutErrorPrefix(e.getMessage()));
        }
    }

    /** Messages from the work already say "Error: "; the command's prefix replaces it. */
    private static String withoutErrorPrefix(String message) {
        return message.startsWith("Error: ") ? message.substring("Error: ".length()) : message;
    }

    /** Where messages go: stdout unless --quiet. */
    void say(String message) {
        if (!quiet) {
            out().println(message);
        }
    }

    /** Progress on stderr, or silent with --quiet. */
    Progress progress() {
        return quiet ? Progress.silent() : Progress.toStderr();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
