package io.reqldb.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reqldb.tools.Fixtures;
import io.reqldb.tools.export.TableSelector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportSourcesTest {
    @TempDir Path tmp;

    @Test
    void officialExportDirectories_areFoundWhole() throws IOException {
        for (String dir : List.of("export-json", "export-ndjson")) {
            ImportSources found = ImportSources.scan(Fixtures.rethinkdb244().resolve(dir), List.of());
            assertThat(found.ignored).isEmpty();
            assertThat(found.sources).extracting(s -> s.table().qualifiedName()).containsExactlyInAnyOrder(
                    "analytics.events", "analytics.tiny", "app.big_docs", "app.empty", "app.orders", "app.users");
            assertThat(found.sources).filteredOn(s -> s.table().table().equals("orders"))
                    .allSatisfy(s -> assertThat(s.table().primaryKey()).isEqualTo("order_id"));
        }
    }

    @Test
    void selectorsFilterAndStrayFilesAreListed() throws IOException {
        Path db = Files.createDirectories(tmp.resolve("db"));
        Files.writeString(db.resolve("t.json"), "[]");
        Files.writeString(db.resolve("t.info"), "{\"primary_key\": \"id\"}");
        Files.writeString(db.resolve("lonely.json"), "[]");
        Files.writeString(tmp.resolve("top.txt"), "x");
        ImportSources found = ImportSources.scan(tmp, List.of(TableSelector.parse("db.t")));
        assertThat(found.sources).extracting(s -> s.table().qualifiedName()).containsExactly("db.t");
        assertThat(found.ignored).containsExactlyInAnyOrder(db.resolve("lonely.json"), tmp.resolve("top.txt"));
    }

    @Test
    void twoDataFilesForOneTable_areRefused() throws IOException {
        Path db = Files.createDirectories(tmp.resolve("db"));
        Files.writeString(db.resolve("t.json"), "[]");
        Files.writeString(db.resolve("t.ndjson"), "");
        Files.writeString(db.resolve("t.info"), "{}");
        assertThatThrownBy(() -> ImportSources.scan(tmp, List.of()))
                .hasMessage("Duplicate db.table found in directory tree: db.t");
    }
}
