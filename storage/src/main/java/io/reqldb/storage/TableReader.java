package io.reqldb.storage;

import io.reqldb.datum.Datum;
import java.util.List;

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
     * The whole table in primary-key order, cut into at most {@code parts} consecutive ranges of
     * about {@code rows / parts} documents each ({@code rows}: about how many the table holds), all
     * read as of one instant: parts read side by side and put together in order are exactly one
     * {@link #scan} of the table. Close every cursor. This default gives one part.
     */
    default List<DocumentCursor> scanParts(int parts, long rows) {
        return List.of(scan(KeyRange.ALL, false));
    }

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
