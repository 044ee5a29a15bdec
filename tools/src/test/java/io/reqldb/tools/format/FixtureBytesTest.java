package io.reqldb.tools.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.reqldb.tools.Fixtures;
import io.reqldb.tools.archive.TableInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
