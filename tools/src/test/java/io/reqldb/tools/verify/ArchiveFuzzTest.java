package io.reqldb.tools.verify;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.reqldb.tools.ToolException;
import io.reqldb.tools.archive.ArchiveReader;
import io.reqldb.tools.format.FormatException;
import io.reqldb.tools.format.JsonRowReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Any bytes given to restore or verify as a dump archive (tar, possibly gzip-compressed, of
 * {@code .info}, {@code .json} and {@code .csv} members) are read to the end or refused with a
 * {@link FormatException} whose message is shown to the user; nothing else may escape.
 */
class ArchiveFuzzTest {
    @FuzzTest
    void readsOrRefusesWithAMessage(byte[] archive) throws IOException {
        try (ArchiveReader reader = ArchiveReader.open(new ByteArrayInputStream(archive), "fuzz.tar.gz")) {
            new ArchiveVerifier(JsonRowReader.DEFAULT_MAX_DOCUMENT_SIZE, rows -> { }).verify(reader);
        } catch (FormatException | ToolException expected) {
            // reported to the user as one line
        }
    }
}
