package io.reqldb.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rethinkdb.RethinkDB;
import com.rethinkdb.net.Connection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ParseResult;

/**
 * {@code serve --config-file}: an operator's RethinkDB {@code instances.d/*.conf} starts ReqlDB
 * unchanged; options that mean nothing for one server are noted, those it cannot honour refuse
 * the start, and a file that does not parse is reported in one line with its line number.
 */
class ConfigFileTest {
    @TempDir
    Path tmp;

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private Path conf(String text) throws Exception {
        Path file = tmp.resolve("instance.conf");
        Files.writeString(file, text);
        return file;
    }

    /** A config file as an operator of RethinkDB 2.4 writes one from its default.conf.sample. */
    private String rethinkDbInstance(Path data, int port) {
        return """
                #
                # RethinkDB instance configuration
                #
                directory=%s
                bind=127.0.0.1
                canonical-address=db1.example.com
                driver-port=%d
                cluster-port=29015
                port-offset=0
                http-port=8080
                no-http-admin
                cores=2
                cache-size=256   # megabytes
                io-threads=64
                direct-io
                server-name = db1
                server-tag=default
                """.formatted(data, port);
    }

    @Test
    void rethinkDbConfigFile_startsTheServer() throws Exception {
        Path data = tmp.resolve("data");
        int port = freePort();
        Path file = conf(rethinkDbInstance(data, port));
        ServeCommand.argumentsAsTyped = List.of("--config-file", file.toString());
        try (ServeCommand.Running s = new ServeHarness().start("--config-file", file.toString());
             Connection c = RethinkDB.r.connection().hostname("127.0.0.1").port(port).connect()) {
            assertThat(s).isNotNull();
            assertThat(s.server().port()).isEqualTo(port);
            assertThat((Object) RethinkDB.r.expr(1).add(1).run(c, Long.class).single()).isEqualTo(2L);
            assertThat(c.server().getName()).isEqualTo("db1");
            java.util.Map<?, ?> process = RethinkDB.r.db("rethinkdb").table("server_status").nth(0).g("process")
                    .run(c, java.util.Map.class).single();
            assertThat(process.get("argv")).isEqualTo(List.of("reqldb", "serve", "--config-file", file.toString()));
            assertThat(process.get("pid")).isEqualTo(ProcessHandle.current().pid());
            assertThat((Object) RethinkDB.r.db("rethinkdb").table("server_status").nth(0).g("network").g("reql_port")
                    .run(c, Long.class).single()).isEqualTo((long) port);
        } finally {
            ServeCommand.argumentsAsTyped = List.of();
        }
        assertThat(data.resolve("metadata.txt")).exists();
    }

    @Test
    void rethinkDbOnlyOptions_areNotedOneLineEach() throws Exception {
        Path file = conf(rethinkDbInstance(tmp.resolve("data"), 28015));
        ServeCommand serve = new ServeCommand();
        ParseResult parsed = ServeCommand.commandLine(serve)
                .parseArgs(ConfigFileArguments.merge(new String[] {"--config-file", file.toString()}));
        assertThat(RethinkDbOnlyOption.refusal(parsed)).isNull();
        assertThat(RethinkDbOnlyOption.notes(parsed)).containsExactly(
                "Ignoring --cores: ReqlDB sizes its threads from the processors the JVM sees "
                        + "(JAVA_OPTS=-XX:ActiveProcessorCount=N limits them).",
                "Ignoring --io-threads: RocksDB schedules its own I/O.",
                "Ignoring --direct-io: RocksDB reads and writes through the page cache.",
                "Ignoring --canonical-address: a single server has no cluster peers to tell its address.",
                "Ignoring --cluster-port: a single server has no cluster port.",
                "Ignoring --server-tag: tags place replicas across a cluster's servers.");
        // The web console's options are ReqlDB's own now (the console serves on --http-port).
        assertThat(serve.console.httpPort).isEqualTo(8080);
        assertThat(serve.console.noHttpAdmin).isTrue();
        assertThat(serve.cacheSize).isEqualTo("256");
        assertThat(serve.serverName).isEqualTo("db1");
    }

    @Test
    void commandLine_winsOverTheFile_optionByOption() throws Exception {
        Path file = conf("bind=127.0.0.2\nbind=127.0.0.3\ndriver-port=1234\ndirectory=/from/file\n");
        ServeCommand serve = new ServeCommand();
        ServeCommand.commandLine(serve).parseArgs(ConfigFileArguments.merge(
                new String[] {"--config-file", file.toString(), "--bind", "127.0.0.4", "-d", "/from/command/line"}));
        assertThat(serve.bind).containsExactly("127.0.0.4");
        assertThat(serve.driverPort).isEqualTo(1234);
        assertThat(serve.directory).isEqualTo(Path.of("/from/command/line"));
    }

    @Test
    void repeatedBindLines_addUp() throws Exception {
        Path file = conf("bind=127.0.0.2\nbind=127.0.0.3\n");
        ServeCommand serve = new ServeCommand();
        ServeCommand.commandLine(serve).parseArgs(ConfigFileArguments.merge(new String[] {"--config-file", file.toString()}));
        assertThat(serve.bind).containsExactly("127.0.0.2", "127.0.0.3");
    }

    @Test
    void join_isRefused_andNothingIsCreated() throws Exception {
        Path data = tmp.resolve("data");
        Path file = conf("directory=" + data + "\njoin=db0.example.com:29015\n");
        ServeHarness serve = new ServeHarness();
        assertThat(serve.start("--config-file", file.toString())).isNull();
        assertThat(serve.err()).isEqualTo("ReqlDB runs as a single server and cannot join a cluster; remove --join "
                + "(join= in a configuration file) to start this server alone." + System.lineSeparator());
        assertThat(data).doesNotExist();
    }

    @Test
    void unknownOption_isReportedWithItsLine() throws Exception {
        Path file = conf("# comment\n\ndirectory=/x\nno-such-option=1\n");
        assertThatThrownBy(() -> ConfigFileArguments.merge(new String[] {"--config-file", file.toString()}))
                .isInstanceOf(ConfigFile.Invalid.class)
                .hasMessage("Config file " + file + ": parse error at line 4: unrecognized option name "
                        + "'no-such-option'. See `reqldb serve --help` for the options (without their leading dashes).");
    }

    @Test
    void shortNames_areNotConfigFileNames() throws Exception {
        Path file = conf("d=/x\n");
        assertThatThrownBy(() -> ConfigFileArguments.merge(new String[] {"--config-file", file.toString()}))
                .hasMessageContaining("unrecognized option name 'd'");
    }

    @Test
    void flagWithAValue_andOptionWithout_areParseErrors() throws Exception {
        Path flag = conf("direct-io=yes\n");
        assertThatThrownBy(() -> ConfigFileArguments.merge(new String[] {"--config-file", flag.toString()}))
                .hasMessage("Config file " + flag + ": parse error at line 1: unexpected data after no-parameter "
                        + "option 'direct-io'. Write it alone on its line.");
        Path bare = conf("directory\n");
        assertThatThrownBy(() -> ConfigFileArguments.merge(new String[] {"--config-file", bare.toString()}))
                .hasMessage("Config file " + bare + ": parse error at line 1: expected directory=VALUE.");
        Path empty = conf("directory=  # none\n");
        assertThatThrownBy(() -> ConfigFileArguments.merge(new String[] {"--config-file", empty.toString()}))
                .hasMessage("Config file " + empty + ": parse error at line 1: no parameter for option 'directory'.");
    }

    @Test
    void missingFile_isOneLine() {
        Path missing = tmp.resolve("missing.conf");
        assertThatThrownBy(() -> ConfigFileArguments.merge(new String[] {"--config-file", missing.toString()}))
                .hasMessage("Trouble reading config file '" + missing + "': No such file or directory. "
                        + "Give --config-file a readable file.");
    }

    @Test
    void cacheSize_autoIsTheDefault_andNonsenseIsRefused() throws Exception {
        try (ServeCommand.Running s = new ServeHarness().start("--directory", tmp.resolve("a").toString(),
                "--driver-port", "0", "--cache-size", "auto")) {
            assertThat(s).isNotNull();
        }
        ServeHarness serve = new ServeHarness();
        assertThat(serve.start("--directory", tmp.resolve("b").toString(), "--driver-port", "0",
                "--cache-size", "lots")).isNull();
        assertThat(serve.err()).isEqualTo("--cache-size should be a number of megabytes or 'auto', got 'lots'."
                + System.lineSeparator());
        assertThat(tmp.resolve("b")).doesNotExist();
    }

    @Test
    void noDefaultBind_withoutABind_isRefused() throws Exception {
        ServeHarness serve = new ServeHarness();
        assertThat(serve.start("--directory", tmp.resolve("d").toString(), "--driver-port", "0",
                "--no-default-bind")).isNull();
        assertThat(serve.err()).startsWith("--no-default-bind leaves no address to listen on");
        assertThat(new ServeHarness().start("--directory", tmp.resolve("d").toString(), "--driver-port", "0",
                "--no-default-bind", "--bind-driver", "127.0.0.1")).isNotNull().satisfies(ServeCommand.Running::close);
    }
}
