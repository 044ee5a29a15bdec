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

    /**
     * How many documents {@link #scan} ({@code index} null) or {@link #indexScan} would return
     * for the range. Engines override this to count keys without reading or decoding documents;
     * this default counts by scanning, so every engine gives the same answer.
     * @throws StorageException INDEX_MISSING, INDEX_NOT_READY
     */
    default long countRange(String index, KeyRange range) {
        long n = 0;
        try (DocumentCursor c = index == null ? scan(range, false) : indexScan(index, range, false)) {
            while (c.next() != null) {
                n++;
            }
        }
        return n;
    }
}
