package io.reqldb.storage;

import io.reqldb.datum.Datum;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One table: documents by primary key and their secondary indexes. Thread-safe. Every write
 * updates the document and all its index entries in one atomic batch. Writes to one document
 * are serialized, so {@link #modify} is an atomic read-modify-write.
 */
public interface Table extends TableReader {

    TableInfo info();

    /**
     * Atomically replaces a document by what {@code change} returns for the current one (Java
     * null when absent); returning null deletes it, returning the same object leaves it
     * untouched. Exceptions from {@code change} abort without writing and propagate.
     *
     * @return the old and new document (either may be null)
     */
    WriteResult modify(Datum primaryKey, UnaryOperator<Datum> change, Durability durability);

    /** Applies many {@link #modify}-style changes; each document is atomic on its own. */
    List<WriteResult> modifyAll(List<Datum> primaryKeys, List<UnaryOperator<Datum>> changes, Durability durability);

    // ----- secondary indexes

    /**
     * Adds an index and starts building it in the background; reads and writes go on meanwhile.
     * @throws StorageException INDEX_EXISTS
     */
    void createIndex(IndexDefinition definition, IndexFunction function);

    /** @throws StorageException INDEX_MISSING */
    void dropIndex(String name);

    /** @throws StorageException INDEX_MISSING, INDEX_EXISTS (unless overwrite) */
    void renameIndex(String from, String to, boolean overwrite);

    /** All indexes, sorted by name. */
    List<IndexStatus> indexes();

    /** Number of documents (exact). */
    long count();

    /** Registers a listener for committed changes (changefeeds). */
    AutoCloseable subscribe(ChangeListener listener);

    /** The old and new values of one written document (either may be null). */
    record WriteResult(Datum oldValue, Datum newValue) {
    }

    /**
     * Told of committed writes, in commit order per document, a group at a time: whatever became
     * durable together, so a busy table costs a listener one call per group, not one per write.
     * Only writes that changed their document are told: never one whose new value equals its old
     * one (no changefeed shows those), so a listener need not compare them. The values may be in
     * a store's compact form ({@link io.reqldb.datum.ObjectDatum#encoded}), decoded on first use.
     */
    @FunctionalInterface
    interface ChangeListener {
        /**
         * @param changes one or more writes, oldest first; unmodifiable and never changed
         *                afterwards, so a listener may keep it (every listener gets the same list)
         */
        void onChanges(List<WriteResult> changes);
    }
}
