package io.reqldb.tools.format;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Set;

/**
 * Any bytes as a JSON import file (an array of objects, or objects one after another): every row
 * reads, skips and copies into a wire batch, or the file is refused with a {@link FormatException}.
 */
class JsonImportFuzzTest {
    @FuzzTest
    void readsRowsOrRefusesWithAMessage(FuzzedDataProvider data) throws IOException {
        int mode = data.consumeInt(0, 2);
        long maxDocument = data.consumeBoolean() ? 64 : JsonRowReader.DEFAULT_MAX_DOCUMENT_SIZE;
        byte[] file = data.consumeRemainingAsBytes();
        try (JsonRowReader reader = new JsonRowReader(new ByteArrayInputStream(file), "fuzz.json", maxDocument, true)) {
            switch (mode) {
                case 0 -> {
                    while (reader.next() != null) {
                        reader.bytesRead();
                    }
                }
                case 1 -> {
                    while (reader.skip()) {
                        reader.bytesRead();
                    }
                }
                default -> {
                    WireRows rows = new WireRows();
                    while (reader.nextWire(rows, Set.of("id", "a"))) {
                        rows.count();
                    }
                }
            }
        } catch (FormatException expected) {
            // the import stops with this message
        }
    }
}
