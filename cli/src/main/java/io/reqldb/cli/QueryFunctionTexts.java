package io.reqldb.cli;

import io.reqldb.query.terms.index.IndexStatusRows;
import io.reqldb.query.terms.index.StoredFunctions;
import io.reqldb.tools.offline.FunctionTexts;

/**
 * The query engine's printing of stored functions, for {@code dump --data-dir}: the same
 * {@code query} texts a ReqlDB server shows in {@code index_status()} and {@code get_write_hook()}.
 */
final class QueryFunctionTexts implements FunctionTexts {
    static final QueryFunctionTexts INSTANCE = new QueryFunctionTexts();

    private QueryFunctionTexts() {}

    @Override
    public String indexQuery(String name, byte[] blob) {
        return IndexStatusRows.query(name, blob);
    }

    @Override
    public String hookQuery(byte[] blob) {
        try {
            return "setWriteHook(" + StoredFunctions.jsFunction(StoredFunctions.decodeHook(blob)) + ")";
        } catch (RuntimeException e) {
            return null;
        }
    }
}
