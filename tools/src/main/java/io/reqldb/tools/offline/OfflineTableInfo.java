package io.reqldb.tools.offline;

import io.reqldb.rethinkdata.DataDirectory;
import io.reqldb.rethinkdata.TableConfig;
import io.reqldb.tools.archive.TableInfo;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code .info} of a table read from its files, shaped as a server's {@code table.info()}
 * with {@code indexes} replaced by the {@code index_status()} rows and {@code write_hook} added,
 * keys in the server's (sorted) order, binaries raw as the driver hands them over — so that the
 * file is the one a dump through a server writes.
 */
final class OfflineTableInfo {
    /** RethinkDB's base64 for BINARY: MIME lines of 76 characters, CRLF between them. */
    private static final Base64.Encoder BASE64 = Base64.getMimeEncoder();

    private OfflineTableInfo() {}

    static TableInfo of(DataDirectory dir, TableConfig table, long rows, FunctionTexts texts) {
        Map<String, Object> db = new LinkedHashMap<>();
        db.put("id", table.database().toString());
        db.put("name", dir.databaseName(table));
        db.put("type", "DB");
        List<Object> indexes = new ArrayList<>();
        for (TableConfig.IndexDefinition index : table.indexes()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("function", binary(index.function()));
            row.put("geo", index.geo());
            row.put("index", index.name());
            row.put("multi", index.multi());
            row.put("outdated", false);
            String query = texts.indexQuery(index.name(), index.function());
            if (query != null) {
                row.put("query", query);
            }
            row.put("ready", true);
            indexes.add(row);
        }
        Map<String, Object> hook = null;
        if (table.writeHook() != null) {
            hook = new LinkedHashMap<>();
            hook.put("function", binary(table.writeHook()));
            String query = texts.hookQuery(table.writeHook());
            if (query != null) {
                hook.put("query", query);
            }
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("db", db);
        info.put("doc_count_estimates", List.of(rows));
        info.put("id", table.id().toString());
        info.put("indexes", indexes);
        info.put("name", table.name());
        info.put("primary_key", table.primaryKey());
        info.put("type", "TABLE");
        info.put("write_hook", hook);
        return new TableInfo(info);
    }

    static Map<String, Object> binary(byte[] bytes) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("$reql_type$", "BINARY");
        b.put("data", BASE64.encodeToString(bytes));
        return b;
    }
}
