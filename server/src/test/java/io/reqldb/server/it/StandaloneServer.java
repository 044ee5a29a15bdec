package io.reqldb.server.it;

import java.nio.file.Path;

/**
 * A {@link LiveServer} in a process of its own, so a test can kill it with SIGKILL: prints its
 * port on standard output once it is listening, then serves until killed.
 * Arguments: the data directory.
 */
public final class StandaloneServer {
    private StandaloneServer() {
    }

    public static void main(String[] args) throws Exception {
        LiveServer server = new LiveServer(Path.of(args[0]));
        System.out.println("PORT " + server.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
