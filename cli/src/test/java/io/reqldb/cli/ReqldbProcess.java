package io.reqldb.cli;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code reqldb} as a real process (this test class path's), as a user runs it. */
final class ReqldbProcess {
    private ReqldbProcess() {}

    /** What a finished {@code reqldb} process printed, and its exit code. */
    record Outcome(int exitCode, String out, String err) {
        String lastLine() {
            List<String> lines = err.lines().toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }

    /** Runs {@code reqldb args} in {@code dir} (its output files go there too), within {@code seconds}. */
    static Outcome run(Path dir, int seconds, String... args) throws Exception {
        return run(dir, seconds, Map.of(), args);
    }

    /** Runs {@code reqldb args} with {@code environment} added to this process's. */
    static Outcome run(Path dir, int seconds, Map<String, String> environment, String... args) throws Exception {
        long n = System.nanoTime();
        Path outFile = dir.resolve("stdout-" + n);
        Path errFile = dir.resolve("stderr-" + n);
        Process p = launch(dir, outFile, errFile, environment, args);
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("reqldb " + List.of(args) + " did not finish in " + seconds + " s");
        }
        return new Outcome(p.exitValue(), Files.readString(outFile, StandardCharsets.UTF_8),
                Files.readString(errFile, StandardCharsets.UTF_8));
    }

    /** Starts {@code reqldb args} in {@code dir}, its output discarded. */
    static Process start(Path dir, String... args) throws Exception {
        return launch(dir, null, null, Map.of(), args);
    }

    private static Process launch(Path dir, Path outFile, Path errFile, Map<String, String> environment, String... args)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ReqlDbCommand.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        return builder.directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(outFile == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(outFile.toFile()))
                .redirectError(errFile == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(errFile.toFile()))
                .start();
    }
}
