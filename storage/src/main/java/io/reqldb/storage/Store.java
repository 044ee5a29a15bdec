package io.reqldb.storage;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The storage engine: a catalog of databases and tables, each table a primary index of documents
 * plus secondary indexes. Implementations are thread-safe.
 *
 * <p>Storage knows nothing of ReQL: names are validated by the query layer, and secondary index
 * functions arrive as {@link IndexFunction} objects compiled there. Errors are
 * {@link StorageException}s with a closed set of {@link StorageException.Code}s, which the query
 * layer translates to RethinkDB's messages.
 */
public interface Store extends AutoCloseable {

    /** Documents read and written in every table since the store opened. */
    DocumentTraffic traffic();

    /** Documents read from and written to this table since the store opened (none for a table it does not hold). */
    DocumentTraffic traffic(UUID table);

    /** About how many bytes the table's documents and index entries take, on disk and in memory (0 for none). */
    long approximateBytes(UUID table);

    /** Bytes the cache, which all tables share, holds now (at most the cache size). */
    long cacheInUseBytes();

    /**
     * About how many bytes of the files, which all tables share, hold nothing live: entries
     * overwritten or deleted that compaction has yet to drop, and files it has yet to delete.
     */
    long garbageBytes();

    // ----- databases

    /** Creates a database. @throws StorageException DB_EXISTS */
    DatabaseInfo createDatabase(String name);

    /** Drops a database and all its tables. @throws StorageException DB_MISSING */
    DatabaseInfo dropDatabase(String name);

    List<DatabaseInfo> databases();

    Optional<DatabaseInfo> database(String name);

    // ----- tables

    /** Creates a table. @throws StorageException DB_MISSING, TABLE_EXISTS */
    TableInfo createTable(String db, String name, TableOptions options);

    /** Drops a table with its indexes. @throws StorageException DB_MISSING, TABLE_MISSING */
    TableInfo dropTable(String db, String name);

    /** The tables of one database, sorted by name. @throws StorageException DB_MISSING */
    List<TableInfo> tables(String db);

    /** Opens a table for reads and writes. @throws StorageException DB_MISSING, TABLE_MISSING */
    Table table(String db, String name);

    /** Opens a table by its id, or empty when it was dropped. */
    Optional<Table> table(UUID id);

    /** Renames or moves a table (used by {@code config().update}). */
    TableInfo renameTable(UUID id, String newDb, String newName);

    /** Registers the compiler that turns stored index definitions back into functions on open. */
    void setIndexFunctionCompiler(IndexFunctionCompiler compiler);

    /**
     * Takes a consistent read view of every table at one instant; reads made through
     * {@link Snapshot#table} see the data as of that instant. Close it to release it.
     */
    Snapshot snapshot();

    /** The memory the storage engine may hold for its cache (blocks and memtables), in bytes. */
    long cacheBytes();

    /** Flushes everything written so far to durable storage. */
    void sync();

    @Override
    void close();
}
