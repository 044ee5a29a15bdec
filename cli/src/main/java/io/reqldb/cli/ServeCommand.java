package io.reqldb.cli;

import io.reqldb.query.terms.http.HttpAccess;
import io.reqldb.server.ReqlServer;
import io.reqldb.server.ServerConfig;
import io.reqldb.server.auth.UserStore;
import io.reqldb.server.conn.ServerIdentity;
import io.reqldb.server.tls.DriverTls;
import io.reqldb.storage.StorageException;
import io.reqldb.storage.rocksdb.StartupDecision;
import java.io.PrintStream;
import java.net.InetAddress;
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
import picocli.CommandLine.Mixin;
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

    @Option(names = "--log-file", paramLabel = "PATH",
            description = "Write the log to this file instead of standard error.")
    Path logFile;

    @Mixin
    DriverTlsFlags tls = new DriverTlsFlags();

    @Mixin
    HttpFlags http = new HttpFlags();

    private final PrintStream err;

    ServeCommand() {
        this(System.err);
    }

    ServeCommand(PrintStream err) {
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        configureLogging();
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
        try (Running running = start()) {
            if (running == null) {
                return 1;
            }
            stopRequested.await();
            LoggerFactory.getLogger(ServeCommand.class).info("Shutting down");
        } finally {
            closed.countDown();
        }
        return 0;
    }

    /** A started server and the storage under it; closing stops the server, then the storage. */
    record Running(ServeBackend backend, ReqlServer server) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
            backend.close();
        }
    }

    /**
     * Checks the flags, opens the data directory and starts serving; returns null, after one line
     * on standard error saying why, when the set-up is refused (a bad TLS file, a public bind
     * without an admin password, a data directory this release cannot open, a port in use).
     */
    Running start() throws Exception {
        Logger log = LoggerFactory.getLogger(ServeCommand.class);
        String adminPassword = adminPassword();
        List<InetAddress> addresses;
        DriverTls driverTls;
        HttpAccess httpAccess;
        boolean publicBind;
        try {
            addresses = BindAddresses.parse(bind);
            publicBind = PublicBindRule.isPublic(addresses);
            driverTls = tls.load();
            httpAccess = http.access(publicBind);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return null;
        }
        // Refused before anything is created: a new directory cannot hold a password yet.
        if (publicBind && adminPassword.isEmpty() && !holdsData(directory)) {
            err.println(PublicBindRule.refusal(addresses));
            return null;
        }
        ServerConfig config = ServerConfig.builder()
                .bindAddresses(addresses)
                .driverPort(driverPort + portOffset)
                .identity(new ServerIdentity(UUID.randomUUID(), serverName != null ? serverName : defaultServerName()))
                .tls(driverTls)
                .build();
        Files.createDirectories(directory);
        log.info("Running reqldb on data directory {}", directory.toAbsolutePath());
        ServeBackend backend;
        try {
            backend = ServeBackend.open(directory, cacheSizeMb, httpAccess);
        } catch (StorageException e) {
            if (e.code() != StorageException.Code.UNSUPPORTED_FORMAT) {
                throw e;
            }
            log.error(e.getMessage());
            return null;
        }
        UserStore users = backend.users(adminPassword);
        if (publicBind && !backend.adminHasPassword()) {
            err.println(PublicBindRule.refusal(addresses));
            backend.close();
            return null;
        }
        ReqlServer server = new ReqlServer(config, backend.engine(), users);
        try {
            server.start();
        } catch (Exception e) {
            log.error("Could not bind to the client driver port: {}", e.toString());
            backend.close();
            return null;
        }
        if (driverTls != null) {
            log.info("TLS on the client driver port: {}; cipher suites {}{}", driverTls.protocols(),
                    driverTls.cipherSuites(), driverTls.requiresClientCertificates() ? "; client certificates required" : "");
        }
        log.info("Server ready, \"{}\" {}", config.identity().name(), config.identity().id());
        return new Running(backend, server);
    }

    /** Whether the directory already holds a ReqlDB store (which may have an admin password). */
    private static boolean holdsData(Path directory) {
        try {
            return StartupDecision.inspect(directory).kind() != StartupDecision.Kind.CREATE;
        } catch (StorageException damaged) {
            return true;   // opening it reports the damage
        }
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
