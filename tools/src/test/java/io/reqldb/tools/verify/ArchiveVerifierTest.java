package io.reqldb.tools.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reqldb.tools.Fixtures;
import io.reqldb.tools.archive.ArchiveReader;
import io.reqldb.tools.format.JsonRowReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveVerifierTest {
    @TempDir Path tmp;

    @Test
    void officialDump_isSoundAndMatchesExpectedCounts() throws IOException {
        VerifyReport report = verify(Fixtures.rethinkdb244().resolve("dump.tar.gz"));
        assertThat(report.problems()).isEmpty();
        JsonNode expected = new ObjectMapper().readTree(Fixtures.rethinkdb244().resolve("expected.json").toFile());
        assertThat(report.tables().keySet()).containsExactlyInAnyOrderElementsOf(() -> expected.fieldNames());
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            TableReport table = report.tables().get(e.getKey());
            assertThat(table.rows()).as(e.getKey()).isEqualTo(e.getValue().get("rows").size());
            assertThat(table.info().primaryKey()).isEqualTo(e.getValue().get("primary_key").asText());
            assertThat(table.info().indexes()).hasSize(e.getValue().get("indexes").size());
        }
        assertThat(report.tables().get("app.orders").info().writeHook()).isNotNull();
        assertThat(report.top()).startsWith("rethinkdb_dump_");
    }

    @Test
    void dumpWithoutWriteHook_isSound() throws IOException {
        VerifyReport report = verify(Fixtures.derived().resolve("dump-without-write-hook.tar.gz"));
        assertThat(report.problems()).isEmpty();
        assertThat(report.tables().get("app.orders").info().fields()).doesNotContainKey("write_hook");
        assertThat(report.tables().get("app.orders").info().writeHook()).isNull();
    }

    @Test
    void truncatedArchive_isReported() throws IOException {
        byte[] all = Files.readAllBytes(Fixtures.rethinkdb244().resolve("dump.tar.gz"));
        Path cut = tmp.resolve("cut.tar.gz");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        VerifyReport report = verify(cut);
        assertThat(report.ok()).isFalse();
        assertThat(report.problems()).last().asString().contains("truncated or corrupt");
    }

    @Test
    void corruptArchive_isReported() throws IOException {
        byte[] all = Files.readAllBytes(Fixtures.rethinkdb244().resolve("dump.tar.gz"));
        for (int i = all.length / 3; i < all.length / 3 + 64; i++) {
            all[i] ^= 0x5a;
        }
        Path bad = tmp.resolve("bad.tar.gz");
        Files.write(bad, all);
        VerifyReport report = verify(bad);
        assertThat(report.ok()).isFalse();
    }

    @Test
    void indexBlobs_decode() throws Exception {
        VerifyReport report = verify(Fixtures.rethinkdb244().resolve("dump.tar.gz"));
        Map<String, Object> tags = report.tables().get("app.users").info().indexes().stream()
                .filter(i -> "tags".equals(i.get("index"))).findFirst().orElseThrow();
        FunctionBlob blob = FunctionBlob.decodeIndex(tags.get("function"));
        assertThat(blob.multi()).isTrue();
        assertThat(blob.geo()).isFalse();
        assertThat(blob.body()).isEqualTo("[31,[[10,[[1,-19,0]],0],[1,\"tags\",0]],0]");
        Map<String, Object> hook = report.tables().get("app.orders").info().writeHook();
        assertThat(FunctionBlob.decodeWriteHook(hook.get("function")).argumentCount()).isEqualTo(3);
    }

    private static VerifyReport verify(Path archive) throws IOException {
        try (ArchiveReader reader = ArchiveReader.open(archive)) {
            return new ArchiveVerifier(JsonRowReader.DEFAULT_MAX_DOCUMENT_SIZE, n -> { }).verify(reader);
        }
    }
}
