package io.reqldb.tools.offline;

/**
 * The {@code query} texts that {@code index_status()} and {@code get_write_hook()} show beside a
 * function blob ({@code indexCreate('name', function(...) {...})}). Printing a function needs the
 * query engine, which the toolkit does not depend on: the {@code reqldb} command supplies it.
 */
public interface FunctionTexts {
    /** The index's query text, or null when it cannot be printed. */
    String indexQuery(String name, byte[] blob);

    /** The write hook's query text, or null when it cannot be printed. */
    String hookQuery(byte[] blob);

    /** No query texts: the {@code query} fields are left out. */
    FunctionTexts NONE = new FunctionTexts() {
        @Override
        public String indexQuery(String name, byte[] blob) {
            return null;
        }

        @Override
        public String hookQuery(byte[] blob) {
            return null;
        }
    };
}
