package io.reqldb.tools.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.rethinkdb.utils.Internals;
import io.reqldb.tools.Fixtures;
import io.reqldb.tools.archive.TableInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Re-encoding what the official tools wrote must give the same bytes. */
class FixtureBytesTest {
    static Stream<String> tables() {
        return Stream.of("app/users", "app/orders", "app/empty", "app/big_docs", "analytics/events", "analytics/tiny");
    }

    @ParameterizedTest
    @MethodSource("tables")
    void jsonExport_rewritesByteIdentical(String table) throws IOException {
        Path file = Fixtures.rethinkdb244().resolve("export-json/" + table + ".json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RowWriter writer = new JsonArrayRowWriter(out)) {
            for (Map<String, Object> row : readAll(file)) {
                writer.write(row);
            }
        }
        assertThat(new String(out.toByteArray(), "ISO-8859-1")).isEqualTo(Files.readString(file));
    }

    @ParameterizedTest
    @MethodSource("tables")
    void ndjsonExport_rewritesByteIdentical(String table) throws IOException {
        Path file = Fixtures.rethinkdb244().resolve("export-ndjson/" + table + ".ndjson");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RowWriter writer = new NdjsonRowWriter(out)) {
            for (Map<String, Object> row : readAll(Fixtures.rethinkdb244().resolve("export-json/" + table + ".json"))) {
                writer.write(row);
            }
        }
        assertThat(out.toByteArray()).isEqualTo(Files.readAllBytes(file));
    }

    /** Rows given as a server's text and rows given as values, alternately, land in one file in order. */
    @ParameterizedTest
    @MethodSource("tables")
    void exports_ofRowsAsServerText_areByteIdentical(String table) throws IOException {
        Path json = Fixtures.rethinkdb244().resolve("export-json/" + table + ".json");
        Path ndjson = Fixtures.rethinkdb244().resolve("export-ndjson/" + table + ".ndjson");
        List<Map<String, Object>> rows = readAll(json);
        assertThat(writeAlternately(rows, JsonArrayRowWriter::new)).isEqualTo(Files.readAllBytes(json));
        assertThat(writeAlternately(rows, NdjsonRowWriter::new)).isEqualTo(Files.readAllBytes(ndjson));
    }

    @Test
    void manyRows_overManyBatches_areWrittenInOrder() throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder expected = new StringBuilder("[");
        for (int i = 0; i < 3000; i++) {
            Map<String, Object> row = Map.of("id", (long) i, "text", "x".repeat(i % 300) + "\u00e9\"");
            rows.add(row);
            expected.append(i == 0 ? "\n" : ",\n").append(PyJson.encode(row));
        }
        expected.append("\n]\n");
        assertThat(new String(writeAlternately(rows, JsonArrayRowWriter::new), StandardCharsets.US_ASCII))
                .isEqualTo(expected.toString());
    }

    private interface WriterFactory {
        RowWriter open(ByteArrayOutputStream out) throws IOException;
    }

    private static byte[] writeAlternately(List<Map<String, Object>> rows, WriterFactory factory) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RowWriter writer = factory.open(out)) {
            for (int i = 0; i < rows.size(); i++) {
                if (i % 2 == 0) {
                    writer.write(rows.get(i));
                } else {
                    byte[] text = Internals.getInternalMapper().writeValueAsBytes(rows.get(i)); // compact, raw UTF-8
                    assertThat(writer.writeJson(text, 0)).isEqualTo(text.length);
                }
            }
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @MethodSource("tables")
    void infoFile_rewritesByteIdentical(String table) throws IOException {
        Path file = Fixtures.rethinkdb244().resolve("export-json/" + table + ".info");
        byte[] original = Files.readAllBytes(file);
        assertThat(TableInfo.parse(original, table).toBytes()).isEqualTo(original);
    }

    @Test
    void csvExport_rewritesByteIdentical() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RowWriter writer = new CsvRowWriter(out, List.of("id", "name", "age", "score", "active"), ',')) {
            for (Map<String, Object> row : readAll(Fixtures.rethinkdb244().resolve("export-json/app/users.json"))) {
                writer.write(row);
            }
        }
        assertThat(out.toByteArray()).isEqualTo(Files.readAllBytes(Fixtures.rethinkdb244().resolve("users.csv")));
    }

    @Test
    void csvImport_readsStringsAndDropsEmptyCells() throws IOException {
        try (InputStream in = Files.newInputStream(Fixtures.rethinkdb244().resolve("users.csv"));
                CsvRowReader reader = new CsvRowReader(in, "users.csv", ',', null, false)) {
            Map<String, Object> first = reader.next();
            assertThat(first).containsEntry("id", "u00000").containsEntry("age", "18").containsEntry("active", "False");
            int rows = 1;
            while (reader.next() != null) {
                rows++;
            }
            assertThat(rows).isEqualTo(600);
        }
    }

    static List<Map<String, Object>> readAll(Path file) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file);
                JsonRowReader reader = new JsonRowReader(in, file.toString(), JsonRowReader.DEFAULT_MAX_DOCUMENT_SIZE)) {
            Map<String, Object> row;
            while ((row = reader.next()) != null) {
                rows.add(row);
            }
        }
        return rows;
    }
}
