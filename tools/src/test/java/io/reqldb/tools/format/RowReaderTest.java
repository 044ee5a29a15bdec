package io.reqldb.tools.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowReaderTest {
    private static List<Map<String, Object>> json(String text) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (JsonRowReader reader = new JsonRowReader(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.json", 1 << 20)) {
            Map<String, Object> row;
            while ((row = reader.next()) != null) {
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void json_arrayConcatenatedObjectsBomAndLeadingWhitespace() throws IOException {
        assertThat(json("[\n{\"a\": 1},\n{\"a\": 2.5}\n]\n")).extracting(m -> m.get("a")).containsExactly(1L, 2.5);
        assertThat(json("{\"a\": 1}\n{\"a\": 2}")).hasSize(2);
        assertThat(json("\uFEFF  [{\"a\": 1}]")).hasSize(1);
        assertThat(json("[\n]\n")).isEmpty();
    }

    @Test
    void json_badInputGivesTheOfficialMessages() {
        assertThatThrownBy(() -> json("")).hasMessage("Source is zero-length: t.json");
        assertThatThrownBy(() -> json("x")).hasMessage(
                "Error: JSON format not recognized - file does not begin with an object or array");
        assertThatThrownBy(() -> json("[{\"a\": 1}] junk")).hasMessageStartingWith("Error: extra data after JSON data: <<");
        assertThatThrownBy(() -> json("[{\"a\": 1},\n{\"a\"")).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> json("[{\"a\": 1}")).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> json("[1]")).hasMessageContaining("not an object");
    }

    /** A fuzzing find: NULs after the opening bracket made Jackson read UTF-32 and throw an undeclared IOException. */
    @Test
    void json_nulBytesAreInvalidJsonNotAnotherEncoding() {
        assertThatThrownBy(() -> json("\uFEFF[\0\0\0\0\0\0\0\0{\"id\": 1}]"))
                .isInstanceOf(FormatException.class)
                .hasMessageStartingWith("Error: invalid JSON in t.json: Invalid UTF-32 character");
    }

    @Test
    void json_documentOverTheCapIsRefused() {
        String big = "[{\"a\": \"" + "x".repeat(2 << 20) + "\"}]";
        assertThatThrownBy(() -> json(big)).hasMessageContaining("Use '--max-document-size' to extend your buffer.");
    }

    @Test
    void csv_quotesDelimiterAndEmptyCells() throws IOException {
        String text = "id;name;note\r\n1;\"a;b\";\r\n2;\"say \"\"hi\"\"\";\"two\nlines\"\r\n";
        try (CsvRowReader reader = new CsvRowReader(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.csv", ';', null, false)) {
            assertThat(reader.next()).containsExactly(Map.entry("id", "1"), Map.entry("name", "a;b"));
            assertThat(reader.next()).containsEntry("name", "say \"hi\"").containsEntry("note", "two\nlines");
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void csv_inconsistentColumnsAreReported() {
        String text = "a,b\n1,2,3\n";
        assertThatThrownBy(() -> {
            try (CsvRowReader reader = new CsvRowReader(
                    new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.csv", ',', null, false)) {
                reader.next();
            }
        }).hasMessage("Error: 't.csv' line 2 has an inconsistent number of columns: 1,2,3");
    }
}
