package io.reqldb.query.eval;

/**
 * Resolves table names for queries: user tables from the store, and the virtual tables of the
 * {@code rethinkdb} system database. Errors are RethinkDB's ("Database `x` does not exist.").
 */
public interface Catalog {
    /** @throws io.reqldb.query.error.ReqlOpFailedError when the database or table does not exist */
    TableRef table(String db, String name);

    /** @throws io.reqldb.query.error.ReqlOpFailedError when the database does not exist */
    void checkDatabase(String db);
}
