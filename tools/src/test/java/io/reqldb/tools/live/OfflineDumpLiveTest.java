package io.reqldb.tools.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rethinkdb.net.Connection;
import io.reqldb.tools.Fixtures;
import io.reqldb.tools.cli.ToolMain;
import io.reqldb.tools.conn.Endpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code dump --data-dir} on the folders RethinkDB 2.4.4 itself left (a clean shutdown, and a
 * {@code kill -9}), restored into a live server: every table reads back as RethinkDB read it
 * from that folder. The folder's bytes are unchanged afterwards.
 */
class OfflineDumpLiveTest {
    private static final String[] DATABASES = {"app", "analytics", "sharded"};
    @TempDir Path tmp;
    private Endpoint endpoint;
    private Connection conn;

    @BeforeEach
    void connect() {
        endpoint = LiveServer.endpoint();
        conn = endpoint.connect();
        Tables.drop(conn, DATABASES);
    }

    @AfterEach
    void close() {
        if (conn != null) {
            Tables.drop(conn, DATABASES);
            conn.close();
        }
    }

    @Test
    void cleanFolder_dumpedOffline_restoresAsRethinkDbReadIt() throws Exception {
        dumpRestoreAndCompare("rethinkdb_data.tar.gz", "expected.json");
    }

    @Test
    void folderLeftByKill9_dumpedOffline_restoresWhatRethinkDbRecovered() throws Exception {
        dumpRestoreAndCompare("unclean_data.tar.gz", "expected-unclean.json");
    }

    private void dumpRestoreAndCompare(String folderArchive, String expectedName) throws Exception {
        Path datadir = Fixtures.rethinkdb244().resolve("datadir");
        Path folder = unpack(datadir.resolve(folderArchive));
        Map<Path, String> before = contents(folder);
        Path archive = tmp.resolve("offline.tar.gz");
        String[] dump = {"dump", "--data-dir", folder.toString(), "-f", archive.toString(), "--temp-dir", tmp.toString(),
            "-q"};
        assertThat(run(dump)).isZero();
        assertThat(contents(folder)).as("the folder is only read").containsExactlyInAnyOrderEntriesOf(before);
        assertThat(run("restore", archive.toString(), "-q", "--journal", tmp.resolve("j").toString(), "-c",
                endpoint.address())).isZero();
        JsonNode expected = new ObjectMapper().readTree(datadir.resolve(expectedName).toFile()).get("tables");
        Tables.assertMatches(conn, expected, true);
    }

    private int run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = ToolMain.commandLine();
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        if (code != 0) {
            System.err.println(err);
        }
        return code;
    }

    private Path unpack(Path tarGz) throws IOException, InterruptedException {
        Path into = Files.createDirectories(tmp.resolve("folder"));
        Process tar = new ProcessBuilder("tar", "xzf", tarGz.toString(), "-C", into.toString()).inheritIO().start();
        assertThat(tar.waitFor()).isZero();
        return into.resolve("rethinkdb_data");
    }

    private static Map<Path, String> contents(Path folder) throws IOException {
        Map<Path, String> files = new HashMap<>();
        java.security.MessageDigest sha;
        try {
            sha = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                files.put(p, java.util.HexFormat.of().formatHex(sha.digest(Files.readAllBytes(p))) + " " + Files.getLastModifiedTime(p));
            }
        }
        return files;
    }
}
