package io.reqldb.tools.format;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

/**
 * Any bytes as a CSV import file, with or without a header of its own and with the delimiters
 * users pass: every row reads, or the file is refused with a {@link FormatException}.
 */
class CsvImportFuzzTest {
    @FuzzTest
    void readsRowsOrRefusesWithAMessage(FuzzedDataProvider data) throws IOException {
        char delimiter = data.pickValue(new Character[] {',', '\t', ';', '"'});
        boolean noHeader = data.consumeBoolean();
        List<String> header = data.consumeBoolean() ? List.of("id", "name") : null;
        byte[] file = data.consumeRemainingAsBytes();
        try (CsvRowReader reader = new CsvRowReader(new ByteArrayInputStream(file), "fuzz.csv", delimiter, header, noHeader)) {
            while (reader.next() != null) {
                reader.bytesRead();
            }
        } catch (FormatException expected) {
            // the import stops with this message
        }
    }
}
