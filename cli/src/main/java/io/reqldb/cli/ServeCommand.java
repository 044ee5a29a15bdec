package io.reqldb.cli;

import io.reqldb.cli.log.ServerLog;
import io.reqldb.console.ConsoleServer;
import io.reqldb.console.ServerFacts;
import io.reqldb.console.ToolLauncher;
import io.reqldb.jsworker.JsWorkerOptions;
import io.reqldb.query.limits.QueryLimits;
import io.reqldb.query.system.ServedProcess;
import io.reqldb.query.system.SystemContext;
import io.reqldb.query.terms.js.JsWorkers;
import io.reqldb.query.terms.http.HttpAccess;
import io.reqldb.server.ReqlServer;
import io.reqldb.server.ServerConfig;
import io.reqldb.server.auth.UserStore;
import io.reqldb.server.conn.ServerIdentity;
import io.reqldb.server.metrics.MetricsServer;
import io.reqldb.server.tls.DriverTls;
import io.reqldb.storage.StorageException;
import io.reqldb.storage.rocksdb.Metadata;
import io.reqldb.storage.rocksdb.StartupDecision;
import io.reqldb.tools.conn.Errors;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

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

    @Option(names = "--bind-driver", paramLabel = "ADDR",
            description = "Override --bind for the client driver port; repeatable.")
    List<String> bindDriver;

    @Option(names = "--no-default-bind", description = "Do not listen on loopback unless --bind names it.")
    boolean noDefaultBind;

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
            description = "Cache size in megabytes (blocks read and writes not yet flushed), or 'auto' (the "
                    + "default, as RethinkDB: half the available memory less 1 GB, at least 100 MB). Queries' "
                    + "working memory is outside it: see --query-memory.")
    String cacheSize;

    @Option(names = "--query-memory", paramLabel = "MB",
            description = "Most memory one query may hold to group, sort or build arrays and strings, in "
                    + "megabytes; beyond it the query fails with ReqlResourceLimitError (default: 40% of the "
                    + "heap, 102 MB unless this option raises the heap).")
    long queryMemoryMb;

    @Option(names = "--js-workers", paramLabel = "N",
            description = "Most JavaScript worker processes (r.js) at once (default: the number of cores, at least 2).")
    Integer jsWorkers;

    @Option(names = "--js-memory", paramLabel = "MB", defaultValue = "" + JsWorkerOptions.DEFAULT_MEMORY_MB,
            description = "Heap limit of each JavaScript worker process in megabytes (default: ${DEFAULT-VALUE}).")
    int jsMemoryMb;

    @Option(names = "--log-file", paramLabel = "PATH",
            description = "Write the log to this file instead of standard error.")
    Path logFile;

    @Option(names = "--config-file", paramLabel = "FILE",
            description = "Take options from a RethinkDB configuration file (name=value lines); "
                    + "the command line's options win.")
    Path configFile;

    @Mixin
    ServiceFlags service = new ServiceFlags();

    @Mixin
    DriverTlsFlags tls = new DriverTlsFlags();

    @Mixin
    HttpFlags http = new HttpFlags();

    @Mixin
    MetricsFlags metrics = new MetricsFlags();

    @Mixin
    ConsoleFlags console = new ConsoleFlags();

    @Spec
    CommandSpec spec;

    /**
     * The arguments after {@code serve} as typed (before --config-file adds its own), set by
     * {@code main}: the child of {@link Relaunch} gets them, and {@code server_status} reports them.
     */
    static List<String> argumentsAsTyped = List.of();

    private final PrintStream err;

    /** The command line of {@code serve}: its own options and those only RethinkDB uses. */
    static CommandLine commandLine(ServeCommand serve) {
        CommandLine commandLine = new CommandLine(serve);
        RethinkDbOnlyOption.addTo(commandLine.getCommandSpec());
        return commandLine;
    }

    ServeCommand() {
        this(System.err);
    }

    ServeCommand(PrintStream err) {
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        if (service.needRelaunch()) {
            try {
                return Relaunch.run(service, argumentsAsTyped, cacheSizeMb(), queryMemoryMb, err);
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage());
                return 1;
            }
        }
        // RethinkDB's console: notices on standard output (the log file, once serving, gets every line).
        ServerLog.get().routeNoticesToStdout();
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
        boolean pidWritten = false;
        try (Running running = start()) {
            if (running == null) {
                return 1;
            }
            Path logPath = logFile != null ? logFile : directory.resolve("log_file");
            try {
                ServerLog.get().writeTo(logPath);
            } catch (IOException e) {
                err.println(logFileRefusal(logPath, Errors.ioReason(e)));
                return 1;
            }
            if (service.pidFile != null) {
                try {
                    PidFile.write(service.pidFile);
                    pidWritten = true;
                } catch (IllegalArgumentException e) {
                    err.println(e.getMessage());
                    return 1;
                }
            }
            if (service.daemon) {
                Relaunch.detach();
            }
            stopRequested.await();
            // Java cannot tell which signal (SIGINT or SIGTERM) ran the shutdown hooks.
            LoggerFactory.getLogger(ServeCommand.class).info("Server got a stop signal; shutting down...");
        } finally {
            if (pidWritten) {
                PidFile.remove(service.pidFile);
            }
            closed.countDown();
        }
        return 0;
    }

    /**
     * A started server and the storage under it; closing stops the server, its JavaScript
     * workers (scripts still running included: none outlives the server), then the storage.
     */
    record Running(ServeBackend backend, ReqlServer server, MetricsServer metrics, ConsoleServer console)
            implements AutoCloseable {
        @Override
        public void close() {
            Logger log = LoggerFactory.getLogger(ServeCommand.class);
            if (metrics != null) {
                metrics.close();
            }
            if (console != null) {
                console.close();
            }
            log.info("Shutting down client connections...");
            server.close();
            JsWorkers.shutdown();
            log.info("All client connections closed.");
            log.info("Shutting down storage engine...");
            backend.close();
            log.info("Storage engine shut down.");
        }
    }

    /**
     * Checks the flags, opens the data directory and starts serving; returns null, after one line
     * on standard error saying why, when the set-up is refused (a bad TLS file, a public bind
     * without an admin password, a data directory this release cannot open, a port in use).
     */
    Running start() throws Exception {
        Logger log = LoggerFactory.getLogger(ServeCommand.class);
        ParseResult parsed = spec.commandLine().getParseResult();
        String refusal = RethinkDbOnlyOption.refusal(parsed);
        if (refusal != null) {
            err.println(refusal);
            return null;
        }
        String running = PidFile.conflict(service.pidFile);
        if (running != null) {
            err.println(running);
            return null;
        }
        if (logFile != null && ServerLog.cannotWrite(logFile) != null) {
            err.println(logFileRefusal(logFile, ServerLog.cannotWrite(logFile)));
            return null;
        }
        log.info("Running {}...", SystemContext.VERSION);
        log.info("Running on {} {} {}", System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch").equals("amd64") ? "x86_64" : System.getProperty("os.arch"));
        RethinkDbOnlyOption.notes(parsed).forEach(log::info);
        String adminPassword = adminPassword();
        List<InetAddress> addresses;
        List<InetAddress> metricsAddresses;
        List<InetAddress> consoleAddresses;
        boolean consoleOn = !console.noHttpAdmin && !RethinkDbOnlyOption.wantsConsoleTls(parsed);
        DriverTls driverTls;
        JsWorkerOptions js;
        HttpAccess httpAccess;
        boolean publicBind;
        long cacheSizeMb;
        int reqlPort;
        int metricsPort;
        String metricsToken;
        int clusterPort;
        List<ServedProcess.Address> canonical;
        try {
            cacheSizeMb = cacheSizeMb();
            reqlPort = port("--driver-port", driverPort);
            metricsPort = metrics.port == null ? -1 : port("--metrics-port", metrics.port);
            addresses = BindAddresses.parse(bindDriver != null ? bindDriver : bind, !noDefaultBind);
            metricsAddresses = metrics.port == null ? List.of() : metrics.addresses(bind, !noDefaultBind);
            metricsToken = metrics.port == null ? null : metrics.token(metricsAddresses);
            clusterPort = port("--cluster-port", clusterPortGiven(parsed));
            canonical = CanonicalAddresses.of(parsed.matchedOptionValue("--canonical-address", List.<String>of()),
                    addresses, clusterPort);
            consoleAddresses = consoleOn ? console.addresses(bind, !noDefaultBind) : List.of();
            publicBind = PublicBindRule.isPublic(addresses);
            driverTls = tls.load();
            js = new JsWorkerOptions(jsWorkers != null ? jsWorkers : JsWorkerOptions.defaults().workers(), jsMemoryMb);
            httpAccess = http.access(publicBind);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return null;
        }
        // The console hands the database to whoever signs in as admin: the same rule holds for it.
        List<InetAddress> listened = new java.util.ArrayList<>(addresses);
        consoleAddresses.stream().filter(a -> !listened.contains(a)).forEach(listened::add);
        boolean anyPublic = PublicBindRule.isPublic(listened);
        // Refused before anything is created: a new directory cannot hold a password yet.
        if (anyPublic && adminPassword.isEmpty() && !holdsData(directory)) {
            err.println(PublicBindRule.refusal(listened));
            return null;
        }
        if (Files.isRegularFile(directory.resolve(MigrateCommand.JOURNAL))) {
            // Served now, the directory would answer with some tables missing or half copied.
            err.println(directory + " holds a conversion from RethinkDB that did not finish: `reqldb migrate"
                    + " --from-rethinkdb RETHINKDB_DATA --directory " + directory + " --resume` completes it (or remove "
                    + directory + " to start again). Nothing was served.");
            return null;
        }
        log.info(holdsData(directory) ? "Loading data from directory {}" : "Initializing directory {}",
                directory.toAbsolutePath());
        DataDirectory data;
        try {
            data = DataDirectory.prepare(directory);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return null;
        }
        boolean started = false;
        try {
            ServeBackend backend;
            try {
                backend = ServeBackend.open(directory, cacheSizeMb, httpAccess);
            } catch (StorageException e) {
                err.println(e.getMessage());
                return null;
            }
            UserStore users = backend.users(adminPassword);
            if (anyPublic && !backend.adminHasPassword()) {
                err.println(PublicBindRule.refusal(listened));
                backend.close();
                return null;
            }
            JsWorkers.configure(js);
            String name = serverName != null ? serverName : defaultServerName();
            ServerConfig config = ServerConfig.builder()
                    .bindAddresses(addresses)
                    .driverPort(reqlPort)
                    .identity(new ServerIdentity(backend.serverId(), name))
                    .activity(backend.activity())
                    .tls(driverTls)
                    .queryMemoryBytes(queryMemoryMb > 0 ? queryMemoryMb << 20 : QueryLimits.defaultQueryBytes())
                    .build();
            ReqlServer server = new ReqlServer(config, backend.engine(), users);
            try {
                server.start();
            } catch (Exception e) {
                err.println(DriverPortFailure.message(config.driverPort(), e));
                JsWorkers.shutdown();
                backend.close();
                return null;
            }
            MetricsServer metricsServer = null;
            if (metrics.port != null) {
                try {
                    metricsServer = new MetricsServer(metricsAddresses, metricsPort, metricsToken, backend.metrics()::render);
                } catch (Exception e) {
                    err.println(MetricsFlags.failure(metricsPort, e));
                    server.close();
                    JsWorkers.shutdown();
                    backend.close();
                    return null;
                }
                log.info("Listening for metrics on port {} (Prometheus, GET /metrics)", metricsServer.port());
            }
            started = true;
            List<String> argv = new java.util.ArrayList<>(List.of(System.getProperty("reqldb.command", "reqldb"), "serve"));
            argv.addAll(argumentsAsTyped);
            if (consoleOn && consoleAddresses.isEmpty()) {
                log.info("Web console not served: --no-default-bind leaves it no address (give --bind-http ADDR)");
            }
            ConsoleServer consoleServer = consoleOn && !consoleAddresses.isEmpty()
                    ? startConsole(log, server, consoleAddresses, driverTls != null) : null;
            backend.describeProcess(new ServedProcess(name, argv, server.port(),
                    consoleServer != null ? consoleServer.port() : null, canonical, clusterPort,
                    ServerLog.get().history()));
            announce(log, config, driverTls);
            return new Running(backend, server, metricsServer, consoleServer);
        } finally {
            if (!started) {
                data.removeIfNew();
            }
        }
    }

    /**
     * The web console, or null when its port is taken: the database serves on without it (a
     * second server on one machine would otherwise need --http-port or --no-http-admin to start).
     */
    private ConsoleServer startConsole(Logger log, ReqlServer server, List<InetAddress> consoleAddresses,
                                       boolean driverTls) {
        ServerFacts facts = new ServerFacts(directory, Metadata.read(directory).formatVersion(), Metadata.RELEASE);
        ConsoleServer consoleServer = new ConsoleServer(server, facts, driverTls ? null : toolLauncher(server));
        int port = console.httpPort == 0 ? 0 : console.httpPort + portOffset;
        try {
            return consoleServer.start(consoleAddresses, port);
        } catch (java.io.IOException | RuntimeException e) {
            log.warn("Web console not started: port {} cannot be listened on ({}); use --http-port to pick "
                    + "another or --no-http-admin to turn it off", port, e.getMessage());
            return null;
        }
    }

    /**
     * The toolkit's commands for the console's Backups page: this JVM's java and class path
     * running {@code reqldb}, as short-lived tools run (C1 only, serial collector), connecting to
     * this server's driver port. None with TLS on the driver port (the tools would need its CA).
     */
    private ToolLauncher toolLauncher(ReqlServer server) {
        List<InetAddress> driverAddresses = BindAddresses.parse(bindDriver != null ? bindDriver : bind, !noDefaultBind);
        InetAddress host = driverAddresses.stream().anyMatch(InetAddress::isLoopbackAddress)
                || driverAddresses.get(0).isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : driverAddresses.get(0);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ToolLauncher(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dreqldb.command=" + System.getProperty("reqldb.command", "reqldb"),
                "-cp", System.getProperty("java.class.path"), ReqlDbCommand.class.getName()),
                host.getHostAddress() + ":" + server.port());
    }

    /** RethinkDB's lines once listening (serve.cc), then what ReqlDB adds: the TLS settings. */
    private void announce(Logger log, ServerConfig config, DriverTls driverTls) {
        List<InetAddress> addresses = config.bindAddresses();
        log.info("Listening on driver address{}: {}", addresses.size() == 1 ? "" : "es",
                String.join(", ", addresses.stream().map(InetAddress::getHostAddress).toList()));
        if (addresses.stream().noneMatch(InetAddress::isAnyLocalAddress)) {
            log.info(configFile != null
                    ? "To fully expose ReqlDB on the network, bind to all addresses by adding `bind=all' to the config file ("
                            + configFile + ")."
                    : "To fully expose ReqlDB on the network, bind to all addresses by running reqldb with the `--bind "
                            + "all` command line option.");
        }
        if (driverTls != null) {
            if (tls.minProtocol != null && !driverTls.protocols().contains(tls.minProtocol)) {
                log.warn("--tls-min-protocol {}: this JVM disables it (jdk.tls.disabledAlgorithms in its "
                        + "java.security); clients need {} or later", tls.minProtocol, driverTls.protocols().get(0));
            }
            log.info("TLS on the client driver port: {}; cipher suites {}{}", driverTls.protocols(),
                    driverTls.cipherSuites(), driverTls.requiresClientCertificates() ? "; client certificates required" : "");
        }
        log.info("Server ready, \"{}\" {}", config.identity().name(), config.identity().id());
    }

    /** Whether the directory already holds a ReqlDB store (which may have an admin password). */
    private static boolean holdsData(Path directory) {
        try {
            return StartupDecision.inspect(directory).kind() != StartupDecision.Kind.CREATE;
        } catch (StorageException damaged) {
            return true;   // opening it reports the damage
        }
    }

    private static String logFileRefusal(Path file, String reason) {
        return "Cannot write the log file " + file + ": " + reason + ". Give --log-file a file this user can write.";
    }

    /** RethinkDB's {@code --cluster-port} (no effect but on {@code server_status}), else its default. */
    private static int clusterPortGiven(ParseResult parsed) {
        String given = parsed.matchedOptionValue("--cluster-port", null);
        if (given == null) {
            return ServedProcess.CLUSTER_PORT;
        }
        try {
            return Integer.parseInt(given.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--cluster-port " + given + " is not a port: give a number from 0 to 65535.");
        }
    }

    /** A port option plus {@code --port-offset}. @throws IllegalArgumentException outside 0 to 65535 */
    private int port(String option, int value) {
        int port = value + portOffset;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(option + " " + value
                    + (portOffset != 0 ? " plus --port-offset " + portOffset + " is " + port + ", not" : " is not")
                    + " a port: give a number from 0 to 65535.");
        }
        return port;
    }

    /** {@code --cache-size} in MB; 'auto' as the parent process derived it, else as RethinkDB does. */
    private long cacheSizeMb() {
        Long inherited = JvmSizing.inheritedCacheMegabytes();
        if (inherited != null && (cacheSize == null || cacheSize.equals("auto"))) {
            return inherited;
        }
        return CacheSize.megabytes(cacheSize);
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
