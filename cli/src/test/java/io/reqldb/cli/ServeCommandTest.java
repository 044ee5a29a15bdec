package io.reqldb.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code reqldb serve} takes RethinkDB's flags with RethinkDB's defaults. */
class ServeCommandTest {

    private static ServeCommand parse(String... args) {
        CommandLine root = ReqlDbCommand.commandLine(args);
        CommandLine.ParseResult parsed = root.parseArgs(args);
        return (ServeCommand) parsed.subcommand().commandSpec().userObject();
    }

    @Test
    void serve_noFlags_hasRethinkDbDefaults() {
        ServeCommand serve = parse("serve");
        assertThat(serve.directory).isEqualTo(Path.of("reqldb_data"));
        assertThat(serve.driverPort).isEqualTo(28015);
        assertThat(serve.portOffset).isZero();
        assertThat(serve.initialPassword).isNull();
        assertThat(BindAddresses.parse(serve.bind, true)).containsExactly(InetAddress.getLoopbackAddress());
    }

    @Test
    void serve_allFlags_areRead() {
        ServeCommand serve = parse("serve", "--directory", "/tmp/x", "--bind", "all", "--driver-port", "29015",
                "--port-offset", "3", "--initial-password", "pw", "--cache-size", "512", "--log-file", "/tmp/log",
                "--server-name", "alpha");
        assertThat(serve.directory).isEqualTo(Path.of("/tmp/x"));
        assertThat(serve.driverPort).isEqualTo(29015);
        assertThat(serve.portOffset).isEqualTo(3);
        assertThat(serve.initialPassword).isEqualTo("pw");
        assertThat(serve.cacheSize).isEqualTo("512");
        assertThat(serve.logFile).isEqualTo(Path.of("/tmp/log"));
        assertThat(serve.serverName).isEqualTo("alpha");
        assertThat(BindAddresses.parse(serve.bind, true)).extracting(InetAddress::isAnyLocalAddress).containsExactly(true);
    }

    @Test
    void bind_repeated_addsEachAddressToLoopback() throws Exception {
        assertThat(BindAddresses.parse(List.of("127.0.0.1", "127.0.0.2"), true))
                .containsExactly(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("127.0.0.2"));
    }

    @Test
    void bind_notAnAddress_isRefused() {
        assertThatThrownBy(() -> BindAddresses.parse(List.of("no such host.invalid"), true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void help_exitsCleanly() {
        assertThat(ReqlDbCommand.run("help")).isZero();
        assertThat(ReqlDbCommand.run("serve", "--help")).isZero();
    }
}
