package io.reqldb.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One run of a toolkit command for a console user: its output lines (the tool's progress: rows,
 * rate, ETA, then its result) as they come, its exit code, and the archive a dump made. Its
 * working directory, password file included, is deleted when the job is discarded.
 */
final class ToolJob implements AutoCloseable {
    private static final int KEPT_LINES = 400;

    final String id;
    final String kind;
    private final Path workDir;
    private final Path result;
    private final Deque<String> lines = new ArrayDeque<>();
    private Process process;
    private volatile Integer exitCode;

    /** @param result the file the command makes for download, or null */
    ToolJob(String id, String kind, Path workDir, Path result) {
        this.id = id;
        this.kind = kind;
        this.workDir = workDir;
        this.result = result;
    }

    /** Starts the command; its standard output and error both become the job's lines. */
    void start(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        process = builder.start();
        Thread reader = new Thread(this::collect, "console-job-" + id);
        reader.setDaemon(true);
        reader.start();
    }

    private void collect() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                add(line);
            }
        } catch (IOException e) {
            add("(output lost: " + e.getMessage() + ")");
        }
        try {
            exitCode = process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void add(String line) {
        lines.addLast(line);
        if (lines.size() > KEPT_LINES) {
            lines.removeFirst();
        }
    }

    /** The archive this job made, once it finished well; null otherwise. */
    Path download() {
        return exitCode != null && exitCode == 0 && result != null && Files.isRegularFile(result) ? result : null;
    }

    synchronized Map<String, Object> state() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("kind", kind);
        out.put("state", exitCode == null ? "running" : exitCode == 0 ? "done" : "failed");
        out.put("exitCode", exitCode);
        out.put("output", new ArrayList<>(lines));
        out.put("download", download() != null);
        return out;
    }

    /** Stops the command if it still runs and deletes the job's files. */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
        }
        try (Stream<Path> walk = Files.walk(workDir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // already gone
        }
    }
}
