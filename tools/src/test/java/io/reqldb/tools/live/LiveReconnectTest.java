package io.reqldb.tools.live;

import static com.rethinkdb.RethinkDB.r;
import static org.assertj.core.api.Assertions.assertThat;

import com.rethinkdb.net.Connection;
import io.reqldb.tools.cli.ToolMain;
import io.reqldb.tools.conn.Endpoint;
import io.reqldb.tools.export.DirectorySink;
import io.reqldb.tools.export.ExportFormat;
import io.reqldb.tools.export.ExportSettings;
import io.reqldb.tools.export.Exporter;
import io.reqldb.tools.export.TableRef;
import io.reqldb.tools.format.JsonRowReader;
import io.reqldb.tools.progress.Progress;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection dropped in the middle of a table: the export reconnects and goes on after the
 * last page written, so every row is exported once, in primary-key order; the restore
 * reconnects and sends the batch again, so every row is restored.
 */
class LiveReconnectTest {
    private static final int ROWS = 5000;

    @TempDir Path tmp;
    private Endpoint endpoint;
    private Connection conn;

    @BeforeEach
    void connect() {
        endpoint = LiveServer.endpoint();
        conn = endpoint.connect();
        Tables.drop(conn, "copy");
    }

    @AfterEach
    void close() {
        if (conn != null) {
            Tables.drop(conn, "copy");
            conn.close();
        }
    }

    @Test
    void restoreWhoseConnectionDropsMidTable_reconnectsAndRestoresEveryRow() throws Exception {
        createRows();
        Path archive = tmp.resolve("rows.tar.gz");
        assertThat(tool(endpoint.port(), "dump", "-e", "copy", "-f", archive.toString(), "-q")).isZero();
        Tables.drop(conn, "copy");
        try (DroppingProxy proxy = new DroppingProxy(endpoint.host(), endpoint.port(), 300_000, false)) {
            assertThat(tool(proxy.port(), "restore", archive.toString(), "-q", "--clients", "1",
                    "--journal", tmp.resolve("journal").toString())).isZero();
            assertThat(proxy.hasCut()).as("the proxy dropped a connection").isTrue();
        }
        assertThat(r.db("copy").table("rows").count().run(conn).single()).isEqualTo((long) ROWS);
    }

    private int tool(int port, String... args) {
        List<String> full = new ArrayList<>(List.of(args));
        full.addAll(List.of("-c", "127.0.0.1:" + port));
        return ToolMain.commandLine().execute(full.toArray(String[]::new));
    }

    private void createRows() {
        r.dbCreate("copy").run(conn);
        r.db("copy").tableCreate("rows").run(conn);
        r.db("copy").table("rows").insert(r.range(ROWS).map(i -> r.hashMap("id", i).with("text", r.expr("x").add(
                r.expr("y").coerceTo("string")).add(i.coerceTo("string")).add("-".repeat(150))))).run(conn);
    }

    @Test
    void exportWhoseConnectionDropsMidTable_reconnectsAndExportsEveryRowOnce() throws Exception {
        createRows();

        Path out = Files.createDirectories(tmp.resolve("export"));
        TableRef table = new TableRef("copy", "rows");
        try (DroppingProxy proxy = new DroppingProxy(endpoint.host(), endpoint.port(), 300_000, true)) {
            Endpoint viaProxy = new Endpoint("127.0.0.1", proxy.port(), endpoint.user(), endpoint.password(),
                    endpoint.tlsCert());
            ExportSettings settings = new ExportSettings(ExportFormat.JSON, null, ',', 1, false, true);
            try (Connection first = viaProxy.connect()) {
                Exporter.Summary summary = new Exporter(viaProxy, settings, Progress.silent(), note -> { })
                        .run(first, List.of(table), new DirectorySink(out));
                assertThat(summary.rows()).isEqualTo(ROWS);
            }
            assertThat(proxy.hasCut()).as("the proxy dropped a connection").isTrue();
        }
        List<Long> ids = new ArrayList<>();
        try (InputStream in = Files.newInputStream(new DirectorySink(out).file(table, "json"));
                JsonRowReader reader = new JsonRowReader(in, "rows.json", JsonRowReader.DEFAULT_MAX_DOCUMENT_SIZE)) {
            Map<String, Object> row;
            while ((row = reader.next()) != null) {
                ids.add((Long) row.get("id"));
            }
        }
        List<Long> expected = new ArrayList<>();
        for (long i = 0; i < ROWS; i++) {
            expected.add(i);
        }
        assertThat(ids).isEqualTo(expected);
    }
}
