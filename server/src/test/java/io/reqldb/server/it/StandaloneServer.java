package io.reqldb.server.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link LiveServer} in a process of its own, so a test can kill it with SIGKILL: prints its
 * port on standard output once it is listening, then serves until killed.
 * Arguments: the data directory.
 */
public final class StandaloneServer {
    private StandaloneServer() {
    }

    /**
     * Starts one in a new process on this JVM's class path, its standard error discarded, with
     * {@code jvmOptions} (a heap size, for instance) before the class name.
     */
    static Process launch(Path dataDir, String... jvmOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                StandaloneServer.class.getName(), dataDir.toString()));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Waits for a process {@link #launch}ed to listen and returns its port. */
    static int port(Process p) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("PORT ")) {
                return Integer.parseInt(line.substring(5).trim());
            }
        }
        throw new IllegalStateException("server exited before listening");
    }

    public static void main(String[] args) throws Exception {
        LiveServer server = new LiveServer(Path.of(args[0]));
        System.out.println("PORT " + server.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
