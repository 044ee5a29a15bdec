package io.reqldb.cli;

import io.reqldb.jsworker.JsWorkerOptions;
import io.reqldb.query.terms.js.JsWorkers;
import io.reqldb.server.ReqlServer;
import io.reqldb.server.ServerConfig;
import io.reqldb.server.conn.ServerIdentity;
import java.net.InetAddress;
import io.reqldb.storage.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code reqldb serve}: opens the data directory and serves the client driver port until the
 * process is stopped (Ctrl-C or SIGTERM close the server, then the storage). Flags are
 * RethinkDB's, with its defaults.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the client driver port from a data directory.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = {"-d", "--directory"}, paramLabel = "PATH", defaultValue = "reqldb_data",
            description = "Data directory (default: ${DEFAULT-VALUE}).")
    Path directory;

    @Option(names = "--bind", paramLabel = "ADDR",
            description = "Also listen on this address (loopback always); repeatable; 'all' for every interface.")
    List<String> bind;

    @Option(names = "--driver-port", paramLabel = "PORT", defaultValue = "28015",
            description = "Client driver port (default: ${DEFAULT-VALUE}).")
    int driverPort;

    @Option(names = {"-o", "--port-offset"}, paramLabel = "N", defaultValue = "0",
            description = "Add N to every port (default: ${DEFAULT-VALUE}).")
    int portOffset;

    @Option(names = {"-n", "--server-name"}, paramLabel = "NAME",
            description = "Server name that SERVER_INFO reports (default: from the host name).")
    String serverName;

    @Option(names = "--initial-password", paramLabel = "PASSWORD",
            description = "Password of the admin user; 'auto' picks and prints a random one (default: none).")
    String initialPassword;

    @Option(names = "--cache-size", paramLabel = "MB",
            description = "Storage cache size in megabytes (default: chosen by the storage engine).")
    long cacheSizeMb;

    @Option(names = "--js-workers", paramLabel = "N",
            description = "Most JavaScript worker processes (r.js) at once (default: the number of cores, at least 2).")
    Integer jsWorkers;

    @Option(names = "--js-memory", paramLabel = "MB", defaultValue = "" + JsWorkerOptions.DEFAULT_MEMORY_MB,
            description = "Heap limit of each JavaScript worker process in megabytes (default: ${DEFAULT-VALUE}).")
    int jsMemoryMb;

    @Option(names = "--log-file", paramLabel = "PATH",
            description = "Write the log to this file instead of standard error.")
    Path logFile;

    @Override
    public Integer call() throws Exception {
        configureLogging();
        Logger log = LoggerFactory.getLogger(ServeCommand.class);
        String adminPassword = adminPassword();
        ServerConfig config = ServerConfig.builder()
                .bindAddresses(BindAddresses.parse(bind))
                .driverPort(driverPort + portOffset)
                .identity(new ServerIdentity(UUID.randomUUID(), serverName != null ? serverName : defaultServerName()))
                .build();
        JsWorkers.configure(new JsWorkerOptions(
                jsWorkers != null ? jsWorkers : JsWorkerOptions.defaults().workers(), jsMemoryMb));
        Files.createDirectories(directory);
        log.info("Running reqldb on data directory {}", directory.toAbsolutePath());
        CountDownLatch stopRequested = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        // The hook only asks; the main thread closes server then storage, once, in order.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopRequested.countDown();
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "reqldb-shutdown"));
        ServeBackend opened;
        try {
            opened = ServeBackend.open(directory, cacheSizeMb);
        } catch (StorageException e) {
            if (e.code() != StorageException.Code.UNSUPPORTED_FORMAT) {
                throw e;
            }
            log.error(e.getMessage());
            closed.countDown();
            return 1;
        }
        try (ServeBackend backend = opened;
             ReqlServer server = new ReqlServer(config, backend.engine(), backend.users(adminPassword))) {
            try {
                server.start();
            } catch (Exception e) {
                log.error("Could not bind to the client driver port: {}", e.toString());
                return 1;
            }
            log.info("Server ready, \"{}\" {}", config.identity().name(), config.identity().id());
            stopRequested.await();
            log.info("Shutting down");
        } finally {
            closed.countDown();
        }
        return 0;
    }

    /** slf4j-simple reads its settings once, when the first logger is made: so, first thing. */
    private void configureLogging() {
        if (logFile != null) {
            System.setProperty("org.slf4j.simpleLogger.logFile", logFile.toString());
        }
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSS");
    }

    private String adminPassword() {
        if (initialPassword == null) {
            return "";
        }
        if (initialPassword.equals("auto")) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            System.out.println("Generated random admin password: " + generated);
            return generated;
        }
        return initialPassword;
    }

    /** RethinkDB's default: the host name with characters a server name may not hold replaced by '_'. */
    private static String defaultServerName() {
        try {
            String host = InetAddress.getLocalHost().getHostName();
            String name = host.replaceAll("[^A-Za-z0-9_]", "_");
            return name.isEmpty() ? "reqldb" : name;
        } catch (java.net.UnknownHostException e) {
            return "reqldb";
        }
    }
}
