package io.reqldb.bench.crash;

import static com.rethinkdb.RethinkDB.r;

import com.rethinkdb.net.Connection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code reqldb serve} process on a free loopback port, started by default from this
 * JVM's class path ({@code io.reqldb.cli.ReqlDbCommand serve}), or by a given command (for
 * example {@code bin/reqldb serve}), and stopped only with SIGKILL.
 */
final class ServeProcess {
    private static final String MAIN = "io.reqldb.cli.ReqlDbCommand";

    private final Process process;
    private final int port;

    private ServeProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts a server on {@code dataDir} and waits until it answers a handshake.
     *
     * @param command the command that runs {@code serve} (its flags are added), or null for
     *                this JVM's class path
     * @param log     where the server's output goes (appended)
     */
    static ServeProcess start(List<String> command, Path dataDir, Path log) throws IOException, InterruptedException {
        int port = freeLoopbackPort();
        List<String> argv = new ArrayList<>();
        if (command == null) {
            argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            argv.add("-cp");
            argv.add(System.getProperty("java.class.path"));
            argv.add(MAIN);
            argv.add("serve");
        } else {
            argv.addAll(command);
        }
        argv.addAll(List.of("--directory", dataDir.toString(), "--driver-port", Integer.toString(port)));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        ServeProcess server = new ServeProcess(p, port);
        server.awaitReady();
        return server;
    }

    int port() {
        return port;
    }

    Connection connect() {
        return r.connection().hostname("127.0.0.1").port(port).connect();
    }

    /** SIGKILL, as a crash or an OOM killer would: no shutdown hook, no flush, no close. */
    void kill() throws InterruptedException {
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("server process " + process.pid() + " survived SIGKILL");
        }
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("reqldb serve exited with " + process.exitValue() + " before serving");
            }
            try (Connection c = connect()) {
                return;
            } catch (RuntimeException notYet) {
                if (System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException("reqldb serve did not answer on port " + port, notYet);
                }
                Thread.sleep(100);
            }
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
