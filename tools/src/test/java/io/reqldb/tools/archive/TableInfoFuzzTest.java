package io.reqldb.tools.archive;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.reqldb.tools.format.FormatException;
import io.reqldb.tools.verify.FunctionBlob;
import java.util.Map;

/**
 * Any bytes as a table's {@code .info} file: parsed, with what restore reads from it (primary
 * key, index definitions and their function blobs, the write hook), or refused with a
 * {@link FormatException}.
 */
class TableInfoFuzzTest {
    @FuzzTest
    void parsesOrRefusesWithAMessage(byte[] info) {
        TableInfo parsed;
        try {
            parsed = TableInfo.parse(info, "db/table.info");
        } catch (FormatException expected) {
            return;
        }
        parsed.primaryKey();
        for (Map<String, Object> index : parsed.indexes()) {
            try {
                FunctionBlob.decodeIndex(index.get("function"));
            } catch (FormatException expected) {
                // verify reports it; restore refuses the archive
            }
        }
        Map<String, Object> hook = parsed.writeHook();
        if (hook != null) {
            try {
                FunctionBlob.decodeWriteHook(hook.get("function"));
            } catch (FormatException expected) {
                // as above
            }
        }
        parsed.toBytes();
    }
}
