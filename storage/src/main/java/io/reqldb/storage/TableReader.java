package io.reqldb.storage;

import io.reqldb.datum.Datum;

/** Reads from a table, live or as of a {@link Snapshot}. */
public interface TableReader {

    /** The document with this primary key, or Java null. */
    Datum get(Datum primaryKey);

    /** Documents in primary-key order within the range. Close the cursor when done. */
    DocumentCursor scan(KeyRange range, boolean descending);

    /**
     * Documents whose index value lies within the range, in index order (ties by primary key).
     * A multi index yields a document once per matching value.
     * @throws StorageException INDEX_MISSING, INDEX_NOT_READY
     */
    DocumentCursor indexScan(String index, KeyRange range, boolean descending);
}
