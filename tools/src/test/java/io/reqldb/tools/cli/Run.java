package io.reqldb.tools.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One in-process run of the toolkit's command line, with its exit code and output. */
record Run(int exitCode, String out, String err) {
    /** Runs {@code args} on the command line with every subcommand. */
    static Run of(String... args) {
        return on(ToolMain.commandLine(), args);
    }

    static Run on(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
