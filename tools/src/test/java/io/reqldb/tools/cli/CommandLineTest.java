package io.reqldb.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.reqldb.tools.Fixtures;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Option handling, messages and exit codes that need no server. */
class CommandLineTest {
    @TempDir Path tmp;

    /** {@code main} builds only the subcommand it runs; help, errors and exit codes must not change. */
    @ParameterizedTest
    @ValueSource(strings = {"dump --help", "dump -h", "dump --nope", "dump -c", "restore --help", "restore",
        "export --format xml", "import --help", "import -f", "index-rebuild --help", "verify --help", "verify",
        "verify a b"})
    void aSubcommandBuiltAlone_behavesAsAmongAllOfThem(String line) {
        String[] args = line.split(" ");
        assertThat(Run.on(ToolMain.commandLine(args), args)).isEqualTo(Run.of(args));
    }

    @Test
    void help_listsTheConnectionOptionsInTheOfficialOrder() {
        String help = Run.of("dump", "--help").out();
        assertThat(help).containsSubsequence("--connect=", "--driver-port=", "--host-name=", "--user=", "--password ",
                "--password-file=", "--tls-cert=", "--quiet", "--help", "--version", "--export=");
    }

    @Test
    void theSubcommandsByName_areNamedSo() {
        ToolCommands.byName().forEach((name, command) ->
                assertThat(new CommandLine(command.get()).getCommandName()).isEqualTo(name));
    }

    @Test
    void unreachableServer_exitsTwoWithOneLine() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Run run = Run.of("dump", "-c", "127.0.0.1:" + port, "-f", tmp.resolve("x.tar.gz").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("Usage: reqldb dump").contains("reqldb dump: error: Unable to connect to server: ")
                .doesNotContain("\tat ");
        try (var files = Files.list(tmp)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void badHostPort_isAUsageError() {
        Run run = Run.of("export", "-c", "a:b:c");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("error: Invalid 'host:port' format: a:b:c");
    }

    @Test
    void systemDatabaseSelector_isRefused() {
        Run run = Run.of("export", "-e", "rethinkdb.users");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("The `rethinkdb` database is special and cannot be used here");
    }

    @Test
    void exportCsvRules() {
        assertThat(Run.of("export", "--format", "csv", "-e", "a.b").err())
                .contains("CSV files require the '--fields' option to be specified.");
        assertThat(Run.of("export", "--fields", "x", "-e", "a").err())
                .contains("The --fields option can only be used when exporting a single table");
        assertThat(Run.of("export", "--delimiter", ";", "-e", "a.b").err())
                .contains("--delimiter option is only valid for CSV file formats");
        assertThat(Run.of("export", "--format", "xml").err()).contains("invalid choice: 'xml'");
    }

    @Test
    void dumpRefusesExistingFile() throws IOException {
        Path existing = Files.writeString(tmp.resolve("old.tar.gz"), "x");
        Run run = Run.of("dump", "-f", existing.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Output file already exists: " + existing);
    }

    @Test
    void restoreArgumentRules() {
        assertThat(Run.of("restore").err())
                .contains("Archive to import not specified. Provide an archive file created by rethinkdb-dump.");
        assertThat(Run.of("restore", "a", "b").err()).contains("Only one positional argument supported");
        Run missing = Run.of("restore", tmp.resolve("none.tar.gz").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("Archive file does not exist: ");
    }

    @Test
    void corruptArchive_isRefusedBeforeConnecting() throws IOException {
        byte[] all = Files.readAllBytes(Fixtures.rethinkdb244().resolve("dump.tar.gz"));
        Path cut = Files.write(tmp.resolve("cut.tar.gz"), java.util.Arrays.copyOf(all, all.length / 2));
        Run run = Run.of("restore", cut.toString(), "-c", "127.0.0.1:1");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("truncated or corrupt").contains("nothing was restored").doesNotContain("\tat ");
    }

    @Test
    void importModeRules() throws IOException {
        assertThat(Run.of("import").err()).contains("Either -f/--file or -d/--directory is required");
        assertThat(Run.of("import", "-d", tmp.toString(), "--pkey", "x").err())
                .contains("--pkey option is not valid when importing a directory");
        Path file = Files.writeString(tmp.resolve("t.json"), "[]");
        assertThat(Run.of("import", "-f", file.toString()).err())
                .contains("A value is required for --table when importing from a file");
        Path ndjson = Files.writeString(tmp.resolve("t.txt"), "{}");
        assertThat(Run.of("import", "-f", ndjson.toString(), "--table", "a.b").err())
                .contains("Unrecognized file format: t.txt");
        assertThat(Run.of("import", "-f", file.toString(), "--table", "a.b", "--delimiter", ";").err())
                .contains("--delimiter option is not valid for json files");
    }

    @Test
    void verify_printsSummaryAndExitsZero() {
        Run run = Run.of("verify", "-q", Fixtures.rethinkdb244().resolve("dump.tar.gz").toString());
        assertThat(run.exitCode()).isZero();
        Run full = Run.of("verify", Fixtures.rethinkdb244().resolve("dump.tar.gz").toString());
        assertThat(full.out()).contains("app.users").contains("6 tables, 3,478 rows, 9 secondary indexes, 1 write hook: OK");
    }

    @Test
    void help_knownAndUnknownCommands() {
        assertThat(Run.of("help", "dump").out()).contains("reqldb dump").contains("--overwrite-file");
        Run unknown = Run.of("help", "nope");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("ERROR: No help for 'nope'");
        assertThat(Run.of("dump", "--version").out()).startsWith("dump ");
    }
}
