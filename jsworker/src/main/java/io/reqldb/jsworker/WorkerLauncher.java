package io.reqldb.jsworker;

import io.reqldb.jsworker.worker.WorkerMain;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Starts worker processes: the running JVM's own {@code java} executable ({@code java.home}), a class path of just
 * the worker's code and Rhino (from wherever this JVM loaded them: the runnable jar, or the
 * build's folders and the Maven repository), a capped heap, and an empty environment.
 */
final class WorkerLauncher {
    private final List<String> command;

    WorkerLauncher(int memoryMb) {
        List<String> c = new ArrayList<>();
        c.add(javaExecutable());
        c.add("-Xmx" + memoryMb + "m");
        c.add("-Xms16m");
        c.add("-Xss4m");
        // A script that fills the heap ends the worker with exit code 3, never half-alive (the
        // worker's watchdog usually ends it sooner, with the same code).
        c.add("-XX:+ExitOnOutOfMemoryError");
        c.add("-XX:+DisplayVMOutputToStderr");
        c.add("-XX:+UseSerialGC");
        c.add("-XX:-UsePerfData");
        c.add("-Xshare:auto");
        c.add("-Djava.security.manager=allow");
        c.add("-cp");
        c.add(classPath());
        c.add(WorkerMain.class.getName());
        this.command = List.copyOf(c);
    }

    Process start() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear();
        pb.directory(new File(System.getProperty("java.io.tmpdir")));
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        return pb.start();
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        entries.add(location(WorkerMain.class));
        entries.add(location(org.mozilla.javascript.Context.class));
        return String.join(File.pathSeparator, entries);
    }

    private static String location(Class<?> c) {
        CodeSource source = c.getProtectionDomain().getCodeSource();
        if (source == null) {
            throw new IllegalStateException("cannot tell where " + c.getName() + " was loaded from");
        }
        try {
            return Path.of(source.getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
